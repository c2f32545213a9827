using System.Runtime.CompilerServices;

namespace Recreation.Media.Analysis;

/// <summary>
/// Turns raw 128x72 RGB frames, in order, into <see cref="FrameFeatures"/>. Global motion is
/// measured against the frame <see cref="MotionStep"/> frames back (a few hundredths of a second,
/// so slow pans move whole pixels), kept in a small ring of 64x36 luma pictures.
/// </summary>
internal sealed class FeatureExtractor
{
    private const int MidWidth = AnalysisFrameSize.Width / 2, MidHeight = AnalysisFrameSize.Height / 2;
    private readonly double _fps;
    private readonly byte[][] _ring;
    private readonly byte[][] _ringHalf;
    private readonly byte[] _luma = new byte[AnalysisFrameSize.Width * AnalysisFrameSize.Height];
    private int _count;

    public FeatureExtractor(double fps)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        _fps = fps;
        MotionStep = Math.Max(1, (int)Math.Round(fps / 8));
        _ring = Enumerable.Range(0, MotionStep + 1).Select(_ => new byte[MidWidth * MidHeight]).ToArray();
        _ringHalf = Enumerable.Range(0, MotionStep + 1).Select(_ => new byte[FrameFeatures.ThumbWidth * FrameFeatures.ThumbHeight]).ToArray();
    }

    /// <summary>How many frames back motion is measured against.</summary>
    public int MotionStep { get; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public FrameFeatures Add(ReadOnlySpan<byte> rgb)
    {
        if (rgb.Length != AnalysisFrameSize.Bytes)
        {
            throw new ArgumentException($"An analysis frame has {AnalysisFrameSize.Bytes} bytes, not {rgb.Length}.", nameof(rgb));
        }

        const int W = AnalysisFrameSize.Width, H = AnalysisFrameSize.Height;
        var histogram = new ushort[FrameFeatures.HistogramBins];
        long sum = 0, squares = 0;
        for (var p = 0; p < W * H; p++)
        {
            int r = rgb[p * 3], g = rgb[(p * 3) + 1], b = rgb[(p * 3) + 2];
            var y = ((77 * r) + (150 * g) + (29 * b)) >> 8;
            _luma[p] = (byte)y;
            sum += y;
            squares += y * y;
            histogram[((r >> 5) << 6) | ((g >> 5) << 3) | (b >> 5)]++;
        }

        var mean = sum / (double)(W * H);
        var variance = Math.Max(0, (squares / (double)(W * H)) - (mean * mean));

        var slot = _count % _ring.Length;
        var mid = _ring[slot];
        Shrink(_luma, W, H, mid);
        var thumb = _ringHalf[slot];
        Shrink(mid, MidWidth, MidHeight, thumb);

        var features = new FrameFeatures
        {
            Index = _count,
            Brightness = (float)mean,
            Contrast = (float)Math.Sqrt(variance),
            Histogram = histogram,
            Luma = (byte[])thumb.Clone(),
            Colour = ColourThumbnail(rgb),
        };

        if (_count >= MotionStep)
        {
            var back = (_count - MotionStep) % _ring.Length;
            var (dx, dy, scale) = GlobalMotion.Estimate(_ring[back], mid, MidWidth, MidHeight, _ringHalf[back], thumb);
            var perSecond = _fps / MotionStep;
            features.MotionX = (float)(dx / MidWidth * perSecond);
            features.MotionY = (float)(dy / MidHeight * perSecond);
            features.Zoom = (float)(scale * perSecond);
        }

        _count++;
        return features;
    }

    /// <summary>Halves a one-channel picture in both directions (2x2 means).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Shrink(ReadOnlySpan<byte> source, int width, int height, Span<byte> target)
    {
        var w = width / 2;
        for (var y = 0; y < height / 2; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (2 * y * width) + (2 * x);
                target[(y * w) + x] = (byte)((source[i] + source[i + 1] + source[i + width] + source[i + width + 1] + 2) >> 2);
            }
        }
    }

    /// <summary>16x9 RGB: 8x8 means of the analysis frame.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] ColourThumbnail(ReadOnlySpan<byte> rgb)
    {
        const int Block = AnalysisFrameSize.Width / FrameFeatures.ColourWidth;
        var colour = new byte[FrameFeatures.ColourWidth * FrameFeatures.ColourHeight * 3];
        for (var ty = 0; ty < FrameFeatures.ColourHeight; ty++)
        {
            for (var tx = 0; tx < FrameFeatures.ColourWidth; tx++)
            {
                int r = 0, g = 0, b = 0;
                for (var y = ty * Block; y < (ty + 1) * Block; y++)
                {
                    for (var x = tx * Block; x < (tx + 1) * Block; x++)
                    {
                        var i = ((y * AnalysisFrameSize.Width) + x) * 3;
                        r += rgb[i];
                        g += rgb[i + 1];
                        b += rgb[i + 2];
                    }
                }

                var o = ((ty * FrameFeatures.ColourWidth) + tx) * 3;
                const int N = Block * Block;
                colour[o] = (byte)((r + (N / 2)) / N);
                colour[o + 1] = (byte)((g + (N / 2)) / N);
                colour[o + 2] = (byte)((b + (N / 2)) / N);
            }
        }

        return colour;
    }
}