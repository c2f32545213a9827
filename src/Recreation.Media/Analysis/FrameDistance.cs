namespace Recreation.Media.Analysis;

/// <summary>
/// How different two frames look, 0 (same) to about 1: half the colour-histogram distance (blind
/// to where things are, so motion barely moves it) plus half the luma thumbnails' difference
/// after the best small shift (so a pan or a moving camera is not a new picture).
/// </summary>
internal static class FrameDistance
{
    private const int ShiftRadius = 2;

    /// <summary>Thumbnail differences are scaled so a typical change of shot (about 64 of 255 levels) reads as 1.</summary>
    private const double PixelScale = 64;

    public static double Between(FrameFeatures a, FrameFeatures b)
    {
        return (0.5 * Histogram(a, b)) + (0.5 * Pixels(a, b));
    }

    /// <summary>Half the L1 distance of the normalised histograms: 0..1.</summary>
    public static double Histogram(FrameFeatures a, FrameFeatures b)
    {
        return AbsoluteDifference.Sum(a.Histogram, b.Histogram) / (2.0 * AnalysisFrameSize.Width * AnalysisFrameSize.Height);
    }

    /// <summary>Mean luma difference after the best shift within ±2 thumbnail pixels, scaled and capped at 1.</summary>
    public static double Pixels(FrameFeatures a, FrameFeatures b)
    {
        var best = GlobalMotion.BestShift(a.Luma, b.Luma, FrameFeatures.ThumbWidth, FrameFeatures.ThumbHeight, ShiftRadius, ShiftRadius, ShiftRadius, FrameFeatures.ThumbWidth - ShiftRadius, FrameFeatures.ThumbHeight - ShiftRadius);
        return Math.Min(1, best.Difference / PixelScale);
    }
}