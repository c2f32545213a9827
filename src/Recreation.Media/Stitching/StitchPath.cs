namespace Recreation.Media.Stitching;

/// <summary>Which way a stitch went.</summary>
public enum StitchPath
{
    /// <summary>All clips already agreed and every transition was a cut: joined by stream copy, nothing re-encoded but (maybe) audio.</summary>
    StreamCopy,

    /// <summary>Clips were conformed to the intermediate format, then joined (by copy, or through a filter graph for transitions).</summary>
    Conform,

    /// <summary>Clips were conformed and joined in one ffmpeg run (picture), with the soundtrack made by a parallel run; nothing re-encoded twice.</summary>
    OnePass,

    /// <summary>Clips already shared their codec parameters: only the windows around transitions were re-encoded, everything else copied.</summary>
    Windowed,
}