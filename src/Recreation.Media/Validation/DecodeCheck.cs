namespace Recreation.Media.Validation;

/// <summary>How much of a file the validator decodes to find damage.</summary>
public enum DecodeCheck
{
    /// <summary>No decoding: probe and packet count only (~0.1 s).</summary>
    None,

    /// <summary>Decode the first and the last two seconds: catches broken starts and ends cheaply.</summary>
    Quick,

    /// <summary>Decode everything (~15× real time): the only check that finds damage in the middle.</summary>
    Full,
}