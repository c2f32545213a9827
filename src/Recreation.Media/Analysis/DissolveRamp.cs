namespace Recreation.Media.Analysis;

/// <summary>
/// Where a dissolve begins and ends: the frames' positions between the pictures at the two ends of
/// a window (0 to 1) follow "flat, steep, flat" through a dissolve, and the best such ramp, fitted
/// by least squares, gives its first and last frame.
/// </summary>
internal static class DissolveRamp
{
    /// <summary>Frames on each side of a dissolve that must stay put (the ramp's shoulders).</summary>
    internal const int Shoulder = 2;

    /// <summary>How far (root mean square) the frames' positions may stray from the fitted ramp.</summary>
    internal const double MaxRampError = 0.12;

    /// <summary>The lines either side of a dissolve may slope at most this share of its own slope.</summary>
    internal const double OuterSlope = 0.45;

    /// <summary>The dissolve itself makes at least this share of the change across the window.</summary>
    internal const double MinimumShare = 0.5;

    /// <summary>
    /// Fits a ramp to the colour histograms over [lo, hi]: each frame's position between the
    /// histograms at lo and hi (0 to 1; histograms ignore where things are, so motion barely moves
    /// it) is matched against "0 until a, rising evenly to 1 after b" for every a ≤ b that overlaps
    /// the frames c−k to c+k the change was measured across (a dissolve shorter than that window may
    /// lie anywhere inside it), and the best fit wins. The ramp must have flat shoulders on both sides (a pan or zoom rises all
    /// through the window) and fit closely.
    /// </summary>
    public static (int First, int Last)? Fit(IReadOnlyList<FrameFeatures> frames, int c, int k, int lo, int hi)
    {
        var histogram = Positions(frames, lo, hi, f => f.Histogram.Select(v => (double)v).ToArray());
        var pixels = Positions(frames, lo, hi, DissolveEvidence.Coarse);
        if (histogram is null || pixels is null)
        {
            return null;
        }

        // Block colours mix exactly as the frames do; histograms (which do not) are the fallback when motion spoils the blocks' fit.
        return FitRamp(pixels, c, k, lo, hi) ?? FitRamp(histogram, c, k, lo, hi);
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
}