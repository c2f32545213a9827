namespace Recreation.Media.Analysis;

/// <summary>
/// Finds shot boundaries in a video's frame features (pure; no ffmpeg). In order:
/// fades through black (a run of black frames with the picture dimming into it and brightening out
/// of it), hard cuts (a jump between two frames far above its neighbourhood, that does not come
/// back to the picture before it within <see cref="FlashSeconds"/>: that is a flash; a smaller
/// jump must also change more than the picture's level), then
/// dissolves (a few frames long, that pass for cuts: <see cref="ShortDissolveFinder"/>; longer:
/// <see cref="DissolveFinder"/>). A cut found inside a gradual transition is dropped.
/// </summary>
internal static class ShotBoundaryDetector
{
    /// <summary>A jump that returns to the picture before it within this time is a flash, not a cut.</summary>
    public const double FlashSeconds = 0.3;

    /// <summary>A jump this large is a cut wherever it happens (unless it is a flash).</summary>
    internal const double StrongCut = 0.45;

    /// <summary>A smaller jump is a cut when it stands this many times above its neighbourhood.</summary>
    internal const double WeakCut = 0.18, WeakCutRatio = 4;

    /// <summary>
    /// A smaller jump whose pictures differ by less than this once their levels are evened
    /// (<see cref="FrameDistance.LevelledPixels"/>) is a change of brightness in the same shot, not a cut.
    /// </summary>
    internal const double MinimumLevelledCut = 0.08;

    /// <summary>Two frames this close show the same picture (for flashes).</summary>
    internal const double SamePicture = 0.18;

    public static IReadOnlyList<ShotBoundary> Detect(IReadOnlyList<FrameFeatures> frames, double fps)
    {
        if (frames.Count < 2)
        {
            return [];
        }

        var steps = Steps(frames);
        var fades = FadeFinder.Find(frames, fps);
        var flashes = new List<(int First, int Last)>();
        var cuts = Cuts(frames, steps, fps, flashes)
            .Where(cut => !fades.Any(f => cut >= f.FirstFrame && cut <= f.LastFrame + 1))
            .ToList();
        var brief = ShortDissolveFinder.Find(frames, steps, fps, cuts);
        var dissolves = DissolveFinder.Find(frames, steps, fps, cuts, [.. fades.Select(f => (f.FirstFrame, f.LastFrame)), .. brief.Select(d => (d.FirstFrame, d.LastFrame)), .. flashes]);
        cuts.RemoveAll(cut => dissolves.Any(d => cut >= d.FirstFrame && cut <= d.LastFrame));
        return [.. fades, .. brief, .. dissolves, .. cuts.Select(c => new ShotBoundary(ShotTransitionKind.Cut, c, c))];
    }

    /// <summary>steps[i] = distance between frame i−1 and frame i (steps[0] = 0).</summary>
    internal static double[] Steps(IReadOnlyList<FrameFeatures> frames)
    {
        var steps = new double[frames.Count];
        for (var i = 1; i < frames.Count; i++)
        {
            steps[i] = FrameDistance.Between(frames[i - 1], frames[i]);
        }

        return steps;
    }

    /// <param name="flashes">Receives the frames of each flash found (first to last frame that is not the picture around it).</param>
    internal static List<int> Cuts(IReadOnlyList<FrameFeatures> frames, double[] steps, double fps, List<(int First, int Last)> flashes)
    {
        var window = Math.Max(3, (int)Math.Round(fps / 2));
        var flash = Math.Max(2, (int)Math.Round(FlashSeconds * fps));
        var cuts = new List<int>();
        for (var i = 1; i < frames.Count; i++)
        {
            var step = steps[i];
            if (step < WeakCut)
            {
                continue;
            }

            var around = Neighbourhood(steps, i, window);
            var isCut = step >= StrongCut
                ? step >= 2 * around
                : step >= WeakCutRatio * around && FrameDistance.LevelledPixels(frames[i - 1], frames[i]) >= MinimumLevelledCut;
            if (!isCut || !IsLocalMaximum(steps, i))
            {
                continue;
            }

            if (FlashAround(frames, i, flash, step) is { } span)
            {
                flashes.Add(span);
                continue;
            }

            cuts.Add(i);
        }

        return cuts;
    }

    /// <summary>The median step around i (i itself and its direct neighbours left out), at least a small floor.</summary>
    private static double Neighbourhood(double[] steps, int i, int window)
    {
        var values = new List<double>(2 * window);
        for (var j = Math.Max(1, i - window); j <= Math.Min(steps.Length - 1, i + window); j++)
        {
            if (Math.Abs(j - i) > 1)
            {
                values.Add(steps[j]);
            }
        }

        if (values.Count == 0)
        {
            return 0.01;
        }

        values.Sort();
        return Math.Max(0.01, values[values.Count / 2]);
    }

    private static bool IsLocalMaximum(double[] steps, int i)
    {
        return (i - 1 < 1 || steps[i] >= steps[i - 1]) && (i + 1 >= steps.Length || steps[i] > steps[i + 1]);
    }

    /// <summary>
    /// The jump into frame i comes back: some frame before it (a) and some frame after it (b),
    /// at most <paramref name="flash"/>+1 frames apart and not the jump itself, show the same
    /// picture. Catches both edges of a flash (the jump in and the jump back out).
    /// </summary>
    private static (int First, int Last)? FlashAround(IReadOnlyList<FrameFeatures> frames, int i, int flash, double step)
    {
        var same = Math.Min(SamePicture, 0.5 * step);
        for (var a = i - 1; a >= Math.Max(0, i - 1 - flash); a--)
        {
            for (var b = i; b < frames.Count && b - a <= flash + 1; b++)
            {
                if (b - a >= 2 && FrameDistance.Between(frames[a], frames[b]) < same)
                {
                    return (a + 1, b - 1);
                }
            }
        }

        return null;
    }
}