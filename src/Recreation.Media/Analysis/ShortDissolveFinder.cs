namespace Recreation.Media.Analysis;

/// <summary>
/// Dissolves too short for <see cref="DissolveFinder"/> (a few frames between very different
/// pictures) jump far enough at every frame to pass for a cut, or for several. A cut candidate
/// whose neighbouring steps jump too (<see cref="RunShare"/> of its own) is checked: when the frames
/// of that run are mixes of the frames either side, each a little further towards the new picture,
/// the run is one dissolve. A cut inside fast motion has jumpy neighbours too, but its frames are
/// one picture or the other, not a mix.
/// </summary>
internal static class ShortDissolveFinder
{
    /// <summary>A step at least this share of the cut's own belongs to the same transition.</summary>
    internal const double RunShare = 0.35;

    public const double MaxSeconds = 0.5;

    /// <summary>Each mixed frame sits at least this far (as a share of the change) from either picture.</summary>
    internal const double MixMargin = 0.05;

    /// <summary>The dissolves the cut candidates turn out to be; the cuts inside them are removed from <paramref name="cuts"/>.</summary>
    public static List<ShotBoundary> Find(IReadOnlyList<FrameFeatures> frames, double[] steps, double fps, List<int> cuts)
    {
        var reach = Math.Max(2, (int)Math.Round(MaxSeconds * fps));
        var found = new List<ShotBoundary>();
        foreach (var cut in cuts.Order())
        {
            if (found.Count > 0 && cut <= found[^1].LastFrame + 1)
            {
                continue;
            }

            var floor = RunShare * steps[cut];
            var (s0, s1) = (cut, cut);
            while (s0 - 1 >= 1 && cut - s0 < reach && steps[s0 - 1] >= floor)
            {
                s0--;
            }

            while (s1 + 1 < steps.Length && s1 - cut < reach && steps[s1 + 1] >= floor)
            {
                s1++;
            }

            // Steps s0..s1 change the picture: the frames s0..s1−1 are between the two pictures.
            var (first, last) = (s0, s1 - 1);
            if (last < first || last - first + 1 > reach || !Mixes(frames, first, last)
                || DissolveEvidence.IsCameraMove(frames, first, last) || !DissolveEvidence.IsMix(frames, first, last))
            {
                continue;
            }

            found.Add(new ShotBoundary(ShotTransitionKind.Dissolve, first, last));
        }

        cuts.RemoveAll(cut => found.Any(d => cut >= d.FirstFrame && cut <= d.LastFrame + 1));
        return found;
    }

    /// <summary>Every frame from first to last lies strictly between the frame before and the frame after, each at least as far along as the one before it.</summary>
    private static bool Mixes(IReadOnlyList<FrameFeatures> frames, int first, int last)
    {
        if (first < 1 || last + 1 >= frames.Count)
        {
            return false;
        }

        var p = DissolveEvidence.Coarse(frames[first - 1]);
        var q = DissolveEvidence.Coarse(frames[last + 1]);
        double norm = 0;
        for (var x = 0; x < p.Length; x++)
        {
            norm += (q[x] - p[x]) * (q[x] - p[x]);
        }

        if (norm <= 0)
        {
            return false;
        }

        var previous = 0.0;
        for (var j = first; j <= last; j++)
        {
            var m = DissolveEvidence.Coarse(frames[j]);
            double dot = 0;
            for (var x = 0; x < p.Length; x++)
            {
                dot += (m[x] - p[x]) * (q[x] - p[x]);
            }

            var alpha = dot / norm;
            if (alpha < MixMargin || alpha > 1 - MixMargin || alpha < previous - MixMargin)
            {
                return false;
            }

            previous = alpha;
        }

        return true;
    }
}