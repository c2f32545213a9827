using Recreation.Media.Frames;

namespace Recreation.Media.Analysis;

/// <summary>Turns boundaries into shots with their keyframes, palette, brightness, camera class and loudness.</summary>
internal static class ShotAssembler
{
    /// <summary>Frames whose colours make a shot's palette, spread over it.</summary>
    private const int PaletteFrames = 8;

    public static List<Shot> Build(IReadOnlyList<FrameFeatures> frames, IReadOnlyList<ShotBoundary> found, double fps, int motionStep, LoudnessTrack? loudness)
    {
        var boundaries = new List<ShotBoundary> { new(ShotTransitionKind.Start, 0, 0) };
        foreach (var boundary in found.OrderBy(b => b.FirstFrame))
        {
            if (boundary.FirstFrame > boundaries[^1].LastFrame && boundary.LastFrame < frames.Count - 1)
            {
                boundaries.Add(boundary);
            }
        }

        var shots = new List<Shot>();
        for (var s = 0; s < boundaries.Count; s++)
        {
            var into = boundaries[s];
            var next = s + 1 < boundaries.Count ? boundaries[s + 1] : null;
            var first = into.FirstFrame;
            var last = next is null ? frames.Count - 1 : next.Kind == ShotTransitionKind.Cut ? next.FirstFrame - 1 : next.LastFrame;
            var cleanFirst = into.Kind is ShotTransitionKind.Dissolve or ShotTransitionKind.FadeThroughBlack ? into.LastFrame + 1 : first;
            var cleanLast = next is null ? frames.Count - 1 : next.FirstFrame - 1;
            if (cleanLast < cleanFirst)
            {
                (cleanFirst, cleanLast) = (first, last);
            }

            var keyframes = new ShotKeyframes(cleanFirst, (cleanFirst + cleanLast) / 2, cleanLast);
            var start = TimeSpan.FromSeconds(first / fps);
            var end = TimeSpan.FromSeconds((last + 1) / fps);
            var level = loudness?.Between(start, end);
            shots.Add(new Shot(
                s + 1, first, last, start, end, into, keyframes,
                Palette(frames, cleanFirst, cleanLast, PaletteFrames),
                Math.Round(frames.Skip(cleanFirst).Take(cleanLast - cleanFirst + 1).Average(f => f.Brightness) / 255, 3),
                CameraMotionClassifier.Classify(frames, Math.Min(cleanLast, cleanFirst + motionStep), cleanLast),
                level,
                level is null || level < LoudnessTrack.SilenceLufs));
        }

        return shots;
    }

    /// <summary>The dominant colours of up to <paramref name="samples"/> frames spread over [first, last].</summary>
    public static IReadOnlyList<PaletteColor> Palette(IReadOnlyList<FrameFeatures> frames, int first, int last, int samples)
    {
        var count = Math.Min(samples, last - first + 1);
        var pixels = new List<byte>(count * FrameFeatures.ColourWidth * FrameFeatures.ColourHeight * 3);
        for (var i = 0; i < count; i++)
        {
            var index = first + (int)Math.Round((i + 0.5) * (last - first + 1) / count - 0.5);
            pixels.AddRange(frames[Math.Clamp(index, first, last)].Colour);
        }

        return ColorClustering.Cluster(pixels.ToArray(), 5);
    }
}