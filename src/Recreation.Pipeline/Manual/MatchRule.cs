namespace Recreation.Pipeline.Manual;

/// <summary>How a file was tied to a clip.</summary>
public enum MatchRule
{
    /// <summary>The clip id is in the file name (<c>opening-2</c>, <c>Opening_2</c>, <c>opening 2 (1)</c>).</summary>
    FileName,

    /// <summary>A manifest CSV (<c>clip_id,file</c>) says so.</summary>
    Manifest,

    /// <summary><c>--in-order</c>: the remaining files, sorted, fill the remaining clips in plan order.</summary>
    InOrder,

    /// <summary>The only missing clip whose generated length is nearest the file's duration.</summary>
    NearestLength,
}