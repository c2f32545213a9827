namespace Recreation.Media.Validation;

/// <summary>How much of a file the validator decodes to find damage.</summary>
public enum DecodeCheck
{
    /// <summary>No decoding: probe and packet count only (~0.1 s).</summary>
    None,

    /// <summary>
    /// Cheap: a file up to 32 MB (every generated clip seen) is decoded whole in the probe's own
    /// ffprobe run; a bigger one only in its first and last two seconds (broken starts and ends).
    /// </summary>
    Quick,

    /// <summary>Decode everything (~15× real time), in the probe's own ffprobe run: finds damage anywhere.</summary>
    Full,
}