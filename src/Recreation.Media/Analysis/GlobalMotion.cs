using System.Runtime.CompilerServices;

namespace Recreation.Media.Analysis;

/// <summary>
/// A cheap global-motion estimate between two luma pictures: the whole-pixel shift with the least
/// mean absolute difference over the overlap, searched coarse (at half size) then refined at full
/// size; the same in the four half-frames gives a zoom (the halves moving apart or together).
/// </summary>
internal static class GlobalMotion
{
    /// <summary>The shift (dx, dy) that best maps <paramref name="before"/> onto <paramref name="after"/> within ±radius, and the mean absolute difference it leaves (0..255).</summary>
    /// <param name="offset">A level taken from every difference first (see <see cref="MeanDifference"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (int Dx, int Dy, double Difference) BestShift(ReadOnlySpan<byte> before, ReadOnlySpan<byte> after, int width, int height, int radius, int x0 = 0, int y0 = 0, int x1 = -1, int y1 = -1, int centreX = 0, int centreY = 0, double offset = 0)
    {
        if (x1 < 0)
        {
            x1 = width;
        }

        if (y1 < 0)
        {
            y1 = height;
        }

        // Ties go to the smaller shift: a flat picture has not moved. With an offset the sums are
        // rounded doubles, added in another order for each shift, so only an exact tie counts: the
        // difference returned is then always the least one found (to the bit).
        var tie = offset == 0 ? 1e-9 : 0;
        var best = (Dx: centreX, Dy: centreY, Difference: double.MaxValue);
        for (var dy = centreY - radius; dy <= centreY + radius; dy++)
        {
            for (var dx = centreX - radius; dx <= centreX + radius; dx++)
            {
                var difference = MeanDifference(before, after, width, height, dx, dy, x0, y0, x1, y1, offset);
                if (difference < best.Difference - tie || (Math.Abs(difference - best.Difference) <= tie && (Math.Abs(dx) + Math.Abs(dy)) < (Math.Abs(best.Dx) + Math.Abs(best.Dy))))
                {
                    best = (dx, dy, difference);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// Mean |after(x+dx, y+dy) − before(x, y) − <paramref name="offset"/>| over the part of the region
    /// both cover. With no offset the sums are exact integers, 16 pixels at a time; an offset (a
    /// level step between the pictures, e.g. the difference of their means) takes a plain loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MeanDifference(ReadOnlySpan<byte> before, ReadOnlySpan<byte> after, int width, int height, int dx, int dy, int x0, int y0, int x1, int y1, double offset = 0)
    {
        var xa = Math.Max(x0, -dx);
        var xb = Math.Min(x1, width - dx);
        var ya = Math.Max(y0, -dy);
        var yb = Math.Min(y1, height - dy);
        if (xb - xa < 2 || yb - ya < 2)
        {
            return double.MaxValue;
        }

        if (offset != 0)
        {
            double levelled = 0;
            for (var y = ya; y < yb; y++)
            {
                for (var x = xa; x < xb; x++)
                {
                    levelled += Math.Abs(after[((y + dy) * width) + x + dx] - before[(y * width) + x] - offset);
                }
            }

            return levelled / ((xb - xa) * (yb - ya));
        }

        long sum = 0;
        for (var y = ya; y < yb; y++)
        {
            sum += AbsoluteDifference.Sum(before.Slice((y * width) + xa, xb - xa), after.Slice(((y + dy) * width) + xa + dx, xb - xa));
        }

        return sum / (double)((xb - xa) * (yb - ya));
    }

    /// <summary>
    /// Motion from <paramref name="before"/> to <paramref name="after"/> (both <paramref name="width"/>x<paramref name="height"/>,
    /// with half-size copies for the coarse search): the global shift in pixels (refined below a
    /// pixel by a parabola through the differences around the best whole shift) and the relative
    /// growth of the picture (the halves moving apart, as a share of their distance; positive is a zoom in).
    /// </summary>
    public static (double Dx, double Dy, double Scale) Estimate(
        ReadOnlySpan<byte> before, ReadOnlySpan<byte> after, int width, int height,
        ReadOnlySpan<byte> beforeHalf, ReadOnlySpan<byte> afterHalf)
    {
        const int CoarseRadius = 6;
        var coarse = BestShift(beforeHalf, afterHalf, width / 2, height / 2, CoarseRadius);
        var fine = BestShift(before, after, width, height, 1, centreX: coarse.Dx * 2, centreY: coarse.Dy * 2);
        var dx = fine.Dx + Refine(before, after, width, height, fine.Dx, fine.Dy, horizontal: true, 0, 0, width, height);
        var dy = fine.Dy + Refine(before, after, width, height, fine.Dx, fine.Dy, horizontal: false, 0, 0, width, height);
        var left = Refine(before, after, width, height, fine.Dx, fine.Dy, horizontal: true, 0, 0, width / 2, height);
        var right = Refine(before, after, width, height, fine.Dx, fine.Dy, horizontal: true, width / 2, 0, width, height);
        var top = Refine(before, after, width, height, fine.Dx, fine.Dy, horizontal: false, 0, 0, width, height / 2);
        var bottom = Refine(before, after, width, height, fine.Dx, fine.Dy, horizontal: false, 0, height / 2, width, height);
        var scale = (((right - left) / (width / 2.0)) + ((bottom - top) / (height / 2.0))) / 2;
        return (dx, dy, scale);
    }

    /// <summary>The sub-pixel offset (−1..1) from the shift (dx, dy) along one axis, within a region.</summary>
    private static double Refine(ReadOnlySpan<byte> before, ReadOnlySpan<byte> after, int width, int height, int dx, int dy, bool horizontal, int x0, int y0, int x1, int y1)
    {
        var (ex, ey) = horizontal ? (1, 0) : (0, 1);
        var minus = MeanDifference(before, after, width, height, dx - ex, dy - ey, x0, y0, x1, y1);
        var centre = MeanDifference(before, after, width, height, dx, dy, x0, y0, x1, y1);
        var plus = MeanDifference(before, after, width, height, dx + ex, dy + ey, x0, y0, x1, y1);
        if (minus == double.MaxValue || plus == double.MaxValue || centre == double.MaxValue)
        {
            return 0;
        }

        var curvature = minus - (2 * centre) + plus;
        return curvature <= 1e-9 ? 0 : Math.Clamp((minus - plus) / (2 * curvature), -1, 1);
    }
}