using Recreation.Testing;

namespace Recreation.Benchmarks;

/// <summary>A boundary a detector reported: its kind when it says one ("cut", "gradual"), and its first and last frame (equal for a point).</summary>
internal sealed record FoundBoundary(string? Kind, int FirstFrame, int LastFrame)
{
    public static FoundBoundary Point(int frame) => new(null, frame, frame);
}

/// <summary>F1 scores of one detector against a truth: overall, on cuts, on gradual transitions, and how often it fired inside flashes and motion.</summary>
internal sealed record ShotScore(double Overall, double Cuts, double Gradual, int Found, int False, int Missed, int OnFlashes, int InMotion)
{
    /// <summary>
    /// Scores <paramref name="found"/> the way every detector can be scored, whether or not it
    /// reports what kind of boundary it saw or how long it lasts: a true cut is found by a boundary
    /// within ±1 frame of it; a true dissolve or fade by a boundary that starts inside it (from 2
    /// frames before its first mixed frame to 2 after its last). Each true boundary and each found
    /// one is matched at most once. A found boundary matching nothing is false; for the per-kind
    /// scores it counts against the kind it says, or, when it says none, the kind of the nearest
    /// true boundary. With <paramref name="strict"/> (ours only, since only ours reports spans) a cut
    /// must also be reported as a cut, and a gradual transition as gradual with both its first and
    /// last frame within ±2 (the rule of the test suite's ShotDetectionSpecs).
    /// </summary>
    public static ShotScore Of(ShotTestSet.Truth truth, IReadOnlyList<FoundBoundary> found, bool strict = false)
    {
        var used = new HashSet<FoundBoundary>(ReferenceEqualityComparer.Instance);
        int tpCut = 0, fnCut = 0, tpGradual = 0, fnGradual = 0;
        foreach (var t in truth.Boundaries)
        {
            var cut = t.Kind == "cut";
            var match = found.Where(f => !used.Contains(f)).FirstOrDefault(f => Matches(t, f, strict));
            if (match is null)
            {
                _ = cut ? fnCut++ : fnGradual++;
                continue;
            }

            used.Add(match);
            _ = cut ? tpCut++ : tpGradual++;
        }

        int fpCut = 0, fpGradual = 0;
        foreach (var f in found.Where(f => !used.Contains(f)))
        {
            var kind = f.Kind ?? Nearest(truth, f.FirstFrame);
            _ = kind == "cut" ? fpCut++ : fpGradual++;
        }

        var flashes = truth.NoCuts.Where(q => q.What.Contains("flash", StringComparison.Ordinal)).ToList();
        var motion = truth.NoCuts.Except(flashes).ToList();
        int Inside(List<ShotTestSet.QuietSpan> spans) => found.Count(f => spans.Any(q => f.FirstFrame >= q.FirstFrame && f.FirstFrame <= q.LastFrame));

        return new ShotScore(
            F1(tpCut + tpGradual, fpCut + fpGradual, fnCut + fnGradual),
            F1(tpCut, fpCut, fnCut),
            F1(tpGradual, fpGradual, fnGradual),
            tpCut + tpGradual,
            fpCut + fpGradual,
            fnCut + fnGradual,
            Inside(flashes),
            Inside(motion));
    }

    private static bool Matches(ShotTestSet.TrueBoundary t, FoundBoundary f, bool strict)
    {
        if (t.Kind == "cut")
        {
            return Math.Abs(f.FirstFrame - t.FirstFrame) <= 1 && (!strict || f.Kind == "cut");
        }

        return strict
            ? f.Kind == "gradual" && Math.Abs(f.FirstFrame - t.FirstFrame) <= 2 && Math.Abs(f.LastFrame - t.LastFrame) <= 2
            : f.FirstFrame >= t.FirstFrame - 2 && f.FirstFrame <= t.LastFrame + 2;
    }

    private static string Nearest(ShotTestSet.Truth truth, int frame) =>
        truth.Boundaries.MinBy(t => Math.Min(Math.Abs(t.FirstFrame - frame), Math.Abs(t.LastFrame - frame)))?.Kind == "cut" ? "cut" : "gradual";

    private static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);
}