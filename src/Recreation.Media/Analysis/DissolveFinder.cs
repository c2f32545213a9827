namespace Recreation.Media.Analysis;

/// <summary>
/// Cross-dissolves. A candidate is a frame where the pictures half a second before and after differ
/// like two shots do (<see cref="MinimumChange"/>) and no cut or fade explains it. Its extent comes
/// from the frames' positions between the pictures either side (<see cref="DissolveRamp"/>): inside
/// a dissolve each frame moves a little further from the old shot towards the new one, outside it
/// motion goes nowhere in particular. It is kept only when the frames in between are mixes of the
/// frames on either side and no steady camera move explains it (<see cref="DissolveEvidence"/>).
/// </summary>
internal static class DissolveFinder
{
    internal const double MinimumChange = 0.3;

    public const double MaxSeconds = 3;

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

            var candidate = hi - lo >= (2 * DissolveRamp.Shoulder) + 2 ? DissolveRamp.Fit(frames, c, k, lo, hi) : null;
            if (candidate is not { } extent || DissolveEvidence.IsCameraMove(frames, extent.First, extent.Last) || !DissolveEvidence.IsMix(frames, extent.First, extent.Last))
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
}