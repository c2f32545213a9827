namespace Recreation.Pipeline.Manual;

/// <summary>How <c>--in-order</c> sorts files.</summary>
public enum FileOrder
{
    /// <summary>By name, numbers compared as numbers (<c>clip 2</c> before <c>clip 10</c>).</summary>
    Name,

    /// <summary>By modification time, oldest first (the order they were downloaded).</summary>
    Time,
}