namespace Recreation.Media.Stitching;

/// <summary>Which way a stitch went.</summary>
public enum StitchPath
{
    /// <summary>All clips already agreed and every transition was a cut: joined by stream copy, nothing re-encoded but (maybe) audio.</summary>
    StreamCopy,

    /// <summary>Clips were conformed to the intermediate format, then joined (by copy, or through a filter graph for transitions).</summary>
    Conform,
}