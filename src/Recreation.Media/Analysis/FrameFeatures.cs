namespace Recreation.Media.Analysis;

/// <summary>
/// What the analysis keeps of one decoded frame (about 1.7 KB, whatever the video's size): mean
/// and spread of its luma, a 512-bin colour histogram, a 32x18 luma thumbnail (to compare any two
/// frames), a 16x9 RGB thumbnail (for palettes) and the camera's global motion since a few frames
/// before (as shares of the frame per second).
/// </summary>
internal sealed class FrameFeatures
{
    public const int ThumbWidth = 32, ThumbHeight = 18;
    public const int ColourWidth = 16, ColourHeight = 9;
    public const int HistogramBins = 512;

    public required int Index { get; init; }

    /// <summary>Mean luma, 0..255.</summary>
    public required float Brightness { get; init; }

    /// <summary>Standard deviation of luma, 0..255: near 0 for a flat (black) frame.</summary>
    public required float Contrast { get; init; }

    /// <summary>Pixel counts per colour bin (3 bits per channel), over the analysis frame.</summary>
    public required ushort[] Histogram { get; init; }

    public required byte[] Luma { get; init; }

    public required byte[] Colour { get; init; }

    /// <summary>Global horizontal motion (positive: content moves right), share of the width per second; 0 for the first frames.</summary>
    public float MotionX { get; set; }

    /// <summary>Global vertical motion (positive: content moves down), share of the height per second.</summary>
    public float MotionY { get; set; }

    /// <summary>Spread of the picture from its centre (positive: zooming in), share of the frame per second.</summary>
    public float Zoom { get; set; }
}