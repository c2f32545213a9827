namespace Recreation.Benchmarks;

/// <summary>
/// Checks that ours and the baseline made the same thing: video of exactly the expected number
/// of frames (so no frame dropped or added at a join), lengths within a frame of each other.
/// </summary>
internal static class OutputCheck
{
    public static async Task<bool> CompareAsync(string ours, string baseline, int fps, double expectedSeconds)
    {
        var (a, b) = (await Tools.ProbeAsync(ours).ConfigureAwait(false), await Tools.ProbeAsync(baseline).ConfigureAwait(false));
        var frame = 1.0 / fps;
        var expectedFrames = (long)Math.Round(expectedSeconds * fps);
        var same = a.VideoDuration is { } x && b.VideoDuration is { } y && Math.Abs(x - y) <= frame + 1e-6;
        Console.WriteLine(Stats.Invariant($"  outputs: ours {a}; baseline {b}; expected video {expectedSeconds:0.000} s ({expectedFrames} frames)"));
        var problems = new List<string>();
        if (!same)
        {
            problems.Add("ours and the baseline differ in video length by more than a frame");
        }

        if (a.VideoFrames != expectedFrames)
        {
            problems.Add(Stats.Invariant($"ours has {a.VideoFrames} video frames, not {expectedFrames}"));
        }

        if (b.VideoFrames != expectedFrames)
        {
            problems.Add(Stats.Invariant($"the baseline has {b.VideoFrames} video frames, not {expectedFrames}"));
        }

        if (problems.Count > 0)
        {
            Console.WriteLine($"  WARNING: {string.Join("; ", problems)} (compare {ours} and {baseline})");
        }

        return problems.Count == 0;
    }
}