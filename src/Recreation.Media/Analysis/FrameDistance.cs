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
        return Math.Min(1, LeastDifference(a, b, 0) / PixelScale);
    }

    /// <summary>
    /// As <see cref="Pixels"/> with each thumbnail's mean level taken away first: what differs
    /// between the two pictures besides their brightness (an exposure step or an encoder's new
    /// keyframe shifts the level but leaves the picture).
    /// </summary>
    public static double LevelledPixels(FrameFeatures a, FrameFeatures b)
    {
        return Math.Min(1, LeastDifference(a, b, Mean(b.Luma) - Mean(a.Luma)) / PixelScale);
    }

    /// <summary>The mean luma difference (less <paramref name="offset"/>) the best shift within ±2 thumbnail pixels leaves on the inner thumbnail.</summary>
    private static double LeastDifference(FrameFeatures a, FrameFeatures b, double offset)
    {
        const int W = FrameFeatures.ThumbWidth, H = FrameFeatures.ThumbHeight;
        return GlobalMotion.BestShift(a.Luma, b.Luma, W, H, ShiftRadius, ShiftRadius, ShiftRadius, W - ShiftRadius, H - ShiftRadius, offset: offset).Difference;
    }

    private static double Mean(byte[] values)
    {
        long sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / (double)values.Length;
    }
}