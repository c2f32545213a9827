namespace Recreation.Media.Analysis;

/// <summary>
/// Fades through black: a run of black frames, the picture dimming steadily into it and
/// brightening steadily out of it. The transition runs from the first dimmed frame to the last
/// brightened one. Black at the very start or end of the video is a fade in or out of the film,
/// not a boundary between shots; a black run with no ramp on either side is left to the cut finder.
/// </summary>
internal static class FadeFinder
{
    /// <summary>Mean luma (0..255) at or under which a flat frame is black.</summary>
    internal const float BlackBrightness = 20, BlackContrast = 12;

    /// <summary>A ramp frame is at least this much darker (luma levels) than the one before it, towards black.</summary>
    internal const float RampStep = 0.3f;

    public const double MaxRampSeconds = 3;

    public static List<ShotBoundary> Find(IReadOnlyList<FrameFeatures> frames, double fps)
    {
        var maxRamp = (int)Math.Round(MaxRampSeconds * fps);
        var fades = new List<ShotBoundary>();
        var i = 0;
        while (i < frames.Count)
        {
            if (!IsBlack(frames[i]))
            {
                i++;
                continue;
            }

            var runStart = i;
            while (i + 1 < frames.Count && IsBlack(frames[i + 1]))
            {
                i++;
            }

            var runEnd = i;
            i++;

            // Walk out of the black run while the picture keeps brightening away from it.
            var a = runStart;
            while (a - 1 >= 0 && runStart - a < maxRamp && frames[a - 1].Brightness > frames[a].Brightness + RampStep)
            {
                a--;
            }

            var b = runEnd;
            while (b + 1 < frames.Count && b - runEnd < maxRamp && frames[b + 1].Brightness > frames[b].Brightness + RampStep)
            {
                b++;
            }

            if (a == 0 || b == frames.Count - 1)
            {
                continue; // the film fades in from black or out to it
            }

            if (a == runStart && b == runEnd)
            {
                continue; // a cut to black and a cut back: two cuts, found as such
            }

            // The walk stops on the last frame not dimmed yet (a) and the first fully back (b).
            var first = a < runStart ? a + 1 : runStart;
            var last = b > runEnd ? b - 1 : runEnd;
            fades.Add(new ShotBoundary(ShotTransitionKind.FadeThroughBlack, first, last));
        }

        return fades;
    }

    internal static bool IsBlack(FrameFeatures frame) => frame.Brightness <= BlackBrightness && frame.Contrast <= BlackContrast;
}