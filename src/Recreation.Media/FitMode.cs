namespace Recreation.Media;

/// <summary>How a picture of another shape fills the target frame.</summary>
public enum FitMode
{
    /// <summary>Scale up until the frame is covered, then crop the overflow (no bars).</summary>
    Cover,

    /// <summary>Scale down until the picture fits, then pad with black bars.</summary>
    Contain,

    /// <summary>Like <see cref="Contain"/>, with a blurred, enlarged copy of the picture instead of black bars.</summary>
    Blur,
}