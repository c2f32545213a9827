namespace Recreation.Media.Analysis;

/// <summary>
/// Cross-dissolves. A candidate is a frame where the pictures half a second before and after differ
/// like two shots do (<see cref="MinimumChange"/>) and no cut or fade explains it. Its extent comes
/// from the frame-to-frame steps along the change: inside a dissolve each step moves the picture a
/// little further from the old shot towards the new one, outside it steps are motion and go nowhere
/// in particular. It is kept only when the frames in between are mixes of the frames on either
/// side (a pan or a zoom also changes the picture gradually, but its middle frame is no mix of
/// its ends, and its ends match once shifted).
/// </summary>
internal static class DissolveFinder
{
    internal const double MinimumChange = 0.3;

    /// <summary>How far (root mean square, as a share of the change) the frames inside may be from the mix of their ends.</summary>
    internal const double MaxBlendResidual = 0.5;

    public const double MaxSeconds = 3;

    /// <summary>Frames on each side of a dissolve that must stay put (the ramp's shoulders).</summary>
    internal const int Shoulder = 2;

    /// <summary>How far (root mean square) the frames' positions may stray from the fitted ramp.</summary>
    internal const double MaxRampError = 0.12;

    /// <summary>The lines either side of a dissolve may slope at most this share of its own slope.</summary>
    internal const double OuterSlope = 0.45;

    /// <summary>The dissolve itself makes at least this share of the change across the window.</summary>
    internal const double MinimumShare = 0.5;

    /// <summary>A camera moving at least this fast (share of the frame per second) all through a candidate is a pan or tilt.</summary>
    internal const double SteadyCameraSpeed = 0.15;

    /// <param name="cuts">The first frames of the new shots at the cuts found.</param>
    /// <param name="spans">Frames already explained: fades through black and flashes (first to last frame).</param>
    public static List<ShotBoundary> Find(IReadOnlyList<FrameFeatures> frames, double[] steps, double fps, IReadOnlyList<int> cuts, IReadOnlyList<(int First, int Last)> spans)
    {
        var k = Math.Max(2, (int)Math.Round(fps / 2));
        var reach = (int)Math.Round(MaxSeconds * fps / 2);
        var busy = new bool[frames.Count];
        foreach (var cut in cuts)
        {
            Mark(busy, cut - 1, cut);
        }

        foreach (var (first, last) in spans)
        {
            // One frame either side too, so no frame of a flash is compared with anything.
            Mark(busy, first - 1, last + 1);
        }

        var change = new double[frames.Count];
        for (var i = k; i + k < frames.Count; i++)
        {
            if (!AnyBusy(busy, i - k + 1, i + k))
            {
                change[i] = FrameDistance.Between(frames[i - k], frames[i + k]);
            }
        }

        var found = new List<ShotBoundary>();
        for (var c = k; c + k < frames.Count; c++)
        {
            if (change[c] < MinimumChange || !IsPeak(change, c, k) || busy[c])
            {
                continue;
            }

            var lo = c;
            while (lo - 1 >= 1 && c - lo < reach && !busy[lo - 1])
            {
                lo--;
            }

            var hi = c;
            while (hi + 1 < frames.Count - 1 && hi - c < reach && !busy[hi + 1])
            {
                hi++;
            }

            var candidate = hi - lo >= (2 * Shoulder) + 2 ? Extent(frames, c, k, lo, hi) : null;
            if (candidate is not { } extent || IsCameraMove(frames, extent.First, extent.Last) || !IsMix(frames, extent.First, extent.Last))
            {
                continue;
            }

            extent = Widen(steps, extent, lo, hi);
            found.Add(new ShotBoundary(ShotTransitionKind.Dissolve, extent.First, extent.Last));
            for (var j = extent.First - 1; j <= extent.Last; j++)
            {
                busy[j] = true;
            }
        }

        return found;
    }

    /// <summary>
    /// The ramp fit finds the middle of a dissolve well but can miss its faint first and last
    /// mixes; those still change the picture far more than the steps of the shot beside them.
    /// </summary>
    private const int MaxWiden = 3;

    private static (int First, int Last) Widen(double[] steps, (int First, int Last) extent, int lo, int hi)
    {
        var (first, last) = extent;
        var before = Median(steps, lo + 1, first - 3);
        while (first - 1 > lo + 1 && extent.First - first < MaxWiden && steps[first - 1] > (3 * before) + 0.01)
        {
            first--;
        }

        var after = Median(steps, last + 4, hi);
        while (last + 1 < hi - 1 && last - extent.Last < MaxWiden && steps[last + 2] > (3 * after) + 0.01)
        {
            last++;
        }

        return (first, last);
    }

    private static double Median(double[] values, int from, int to)
    {
        if (to < from)
        {
            return 1; // no shot to compare with: do not widen
        }

        var slice = values[from..(to + 1)];
        Array.Sort(slice);
        return slice[slice.Length / 2];
    }

    private static void Mark(bool[] busy, int from, int to)
    {
        for (var j = Math.Max(0, from); j <= Math.Min(busy.Length - 1, to); j++)
        {
            busy[j] = true;
        }
    }

    private static bool AnyBusy(bool[] busy, int from, int to)
    {
        for (var j = from; j <= to; j++)
        {
            if (busy[j])
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPeak(double[] values, int c, int k)
    {
        for (var j = Math.Max(0, c - k); j <= Math.Min(values.Length - 1, c + k); j++)
        {
            if (values[j] > values[c] || (values[j] == values[c] && j < c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Fits a ramp to the colour histograms over [lo, hi]: each frame's position between the
    /// histograms at lo and hi (0 to 1; histograms ignore where things are, so motion barely moves
    /// it) is matched against "0 until a, rising evenly to 1 after b" for every a ≤ b that overlaps
    /// the frames c−k to c+k the change was measured across (a dissolve shorter than that window may
    /// lie anywhere inside it), and the best fit wins. The ramp must have flat shoulders on both sides (a pan or zoom rises all
    /// through the window) and fit closely.
    /// </summary>
    private static (int First, int Last)? Extent(IReadOnlyList<FrameFeatures> frames, int c, int k, int lo, int hi)
    {
        var histogram = Positions(frames, lo, hi, f => f.Histogram.Select(v => (double)v).ToArray());
        var pixels = Positions(frames, lo, hi, Coarse);
        if (histogram is null || pixels is null)
        {
            return null;
        }

        // Block colours mix exactly as the frames do; histograms (which do not) are the fallback when motion spoils the blocks' fit.
        return FitRamp(pixels, c, k, lo, hi) ?? FitRamp(histogram, c, k, lo, hi);
    }

    /// <summary>The colour thumbnail as 4x3 block means (RGB): mixes like the frames do, and small motions barely move it.</summary>
    private static double[] Coarse(FrameFeatures frame)
    {
        const int W = FrameFeatures.ColourWidth, H = FrameFeatures.ColourHeight, Bx = W / 4, By = H / 3;
        var coarse = new double[4 * 3 * 3];
        for (var y = 0; y < H; y++)
        {
            for (var x = 0; x < W; x++)
            {
                var block = (((y / By) * 4) + (x / Bx)) * 3;
                var i = ((y * W) + x) * 3;
                coarse[block] += frame.Colour[i];
                coarse[block + 1] += frame.Colour[i + 1];
                coarse[block + 2] += frame.Colour[i + 2];
            }
        }

        return coarse;
    }

    /// <summary>Each frame's position between the frames at lo (0) and hi (1), along what differs between them.</summary>
    private static double[]? Positions(IReadOnlyList<FrameFeatures> frames, int lo, int hi, Func<FrameFeatures, double[]> vector)
    {
        var p = vector(frames[lo]);
        var q = vector(frames[hi]);
        double norm = 0;
        for (var x = 0; x < p.Length; x++)
        {
            norm += (q[x] - p[x]) * (q[x] - p[x]);
        }

        if (norm <= 0)
        {
            return null;
        }

        var alpha = new double[hi - lo + 1];
        for (var j = lo; j <= hi; j++)
        {
            var v = vector(frames[j]);
            double dot = 0;
            for (var x = 0; x < p.Length; x++)
            {
                dot += (v[x] - p[x]) * (q[x] - p[x]);
            }

            alpha[j - lo] = dot / norm;
        }

        return alpha;
    }

    /// <summary>
    /// The best "line, steeper line, line" through the positions (knots at a−1 and b+1, the last
    /// frame of the old shot and the first of the new one alone), over every a ≤ b with a ≤ c+k−1
    /// and b ≥ c−k+1. The outer
    /// lines may slope (either shot may move), but the middle must be much steeper and make most
    /// of the change.
    /// </summary>
    private static (int First, int Last)? FitRamp(double[] alpha, int c, int k, int lo, int hi)
    {
        (int First, int Last, double Error, double[] Slopes)? best = null;
        for (var a = lo + Shoulder; a <= c + k - 1; a++)
        {
            for (var b = Math.Max(a + 1, c - k + 1); b <= hi - Shoulder; b++)
            {
                if (Hinges(alpha, lo, a - 1, b + 1) is not { } fit)
                {
                    continue;
                }

                if (best is null || fit.Error < best.Value.Error)
                {
                    best = (a, b, fit.Error, fit.Slopes);
                }
            }
        }

        if (best is not { } found)
        {
            return null;
        }

        var (before, middle, after) = (found.Slopes[0], found.Slopes[1], found.Slopes[2]);
        var rms = Math.Sqrt(found.Error / alpha.Length);
        var share = middle * (found.Last - found.First + 2);
        var steep = middle > 0 && Math.Abs(before) <= OuterSlope * middle && Math.Abs(after) <= OuterSlope * middle;
        return rms <= MaxRampError && steep && share >= MinimumShare ? (found.First, found.Last) : null;
    }

    /// <summary>Least squares of a continuous three-piece line with knots k1 &lt; k2; its squared error and the three slopes.</summary>
    private static (double Error, double[] Slopes)? Hinges(double[] alpha, int lo, int k1, int k2)
    {
        const int N = 4;
        var m = new double[N, N + 1];
        Span<double> basis = stackalloc double[N];
        for (var j = lo; j < lo + alpha.Length; j++)
        {
            basis[0] = 1;
            basis[1] = j - k1;
            basis[2] = Math.Max(0, j - k1);
            basis[3] = Math.Max(0, j - k2);
            for (var r = 0; r < N; r++)
            {
                for (var col = 0; col < N; col++)
                {
                    m[r, col] += basis[r] * basis[col];
                }

                m[r, N] += basis[r] * alpha[j - lo];
            }
        }

        // Gaussian elimination with partial pivoting.
        for (var col = 0; col < N; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < N; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (Math.Abs(m[pivot, col]) < 1e-9)
            {
                return null;
            }

            for (var k = 0; k <= N; k++)
            {
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            }

            for (var r = 0; r < N; r++)
            {
                if (r != col)
                {
                    var factor = m[r, col] / m[col, col];
                    for (var k = col; k <= N; k++)
                    {
                        m[r, k] -= factor * m[col, k];
                    }
                }
            }
        }

        var beta = new double[N];
        for (var r = 0; r < N; r++)
        {
            beta[r] = m[r, N] / m[r, r];
        }

        double error = 0;
        for (var j = lo; j < lo + alpha.Length; j++)
        {
            var model = beta[0] + (beta[1] * (j - k1)) + (beta[2] * Math.Max(0, j - k1)) + (beta[3] * Math.Max(0, j - k2));
            var e = alpha[j - lo] - model;
            error += e * e;
        }

        return (error, [beta[1], beta[1] + beta[2], beta[1] + beta[2] + beta[3]]);
    }

    /// <summary>
    /// The camera moves steadily one way through the whole of [first, last]: a pan or tilt that
    /// brings in a new picture, not a dissolve (one into or out of a moving shot moves only on one side).
    /// </summary>
    private static bool IsCameraMove(IReadOnlyList<FrameFeatures> frames, int first, int last)
    {
        var n = last - first + 1;
        double sumX = 0, sumY = 0;
        for (var j = first; j <= last; j++)
        {
            sumX += frames[j].MotionX;
            sumY += frames[j].MotionY;
        }

        var (meanX, meanY) = (sumX / n, sumY / n);
        var speed = Math.Sqrt((meanX * meanX) + (meanY * meanY));
        var steady = 0;
        for (var j = first; j <= last; j++)
        {
            var along = ((frames[j].MotionX * meanX) + (frames[j].MotionY * meanY)) / Math.Max(speed, 1e-9);
            if (along >= 0.5 * speed)
            {
                steady++;
            }
        }

        return speed >= SteadyCameraSpeed && steady >= 0.8 * n;
    }

    /// <summary>The frames from first to last are mixes of the frame before first and the frame after last, which differ like two shots.</summary>
    private static bool IsMix(IReadOnlyList<FrameFeatures> frames, int first, int last)
    {
        if (first < 1 || last + 1 >= frames.Count)
        {
            return false;
        }

        var before = frames[first - 1];
        var after = frames[last + 1];
        if (FrameDistance.Between(before, after) < MinimumChange * 0.8)
        {
            return false;
        }

        // The ends of a pan match once shifted; two shots do not.
        const int W = FrameFeatures.ThumbWidth, H = FrameFeatures.ThumbHeight;
        var still = GlobalMotion.MeanDifference(before.Luma, after.Luma, W, H, 0, 0, 0, 0, W, H);
        var moved = GlobalMotion.BestShift(before.Luma, after.Luma, W, H, 8, 0, 0, W, H);
        if ((moved.Dx != 0 || moved.Dy != 0) && moved.Difference < 0.5 * still)
        {
            return false;
        }

        var p = Coarse(before);
        var q = Coarse(after);
        double norm = 0;
        for (var x = 0; x < p.Length; x++)
        {
            norm += (q[x] - p[x]) * (q[x] - p[x]);
        }

        double residual = 0;
        for (var j = first; j <= last; j++)
        {
            var m = Coarse(frames[j]);
            double dot = 0;
            for (var x = 0; x < p.Length; x++)
            {
                dot += (m[x] - p[x]) * (q[x] - p[x]);
            }

            var alpha = Math.Clamp(dot / norm, 0, 1);
            double error = 0;
            for (var x = 0; x < p.Length; x++)
            {
                var e = m[x] - p[x] - (alpha * (q[x] - p[x]));
                error += e * e;
            }

            residual += error / norm;
        }

        return Math.Sqrt(residual / (last - first + 1)) <= MaxBlendResidual;
    }
}