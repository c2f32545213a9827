namespace Recreation.Generation.OpenAI;

public enum VideoListOrder
{
    /// <summary>Newest first (the API's default).</summary>
    Descending,
    Ascending,
}