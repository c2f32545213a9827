using System.Globalization;

using Recreation.Core;
using Recreation.Core.Files;
using Recreation.Core.Model;
using Recreation.Core.Planning;
using Recreation.Media;
using Recreation.Media.Frames;

namespace Recreation.Pipeline.Reports;

/// <summary>
/// The comparison of a drafted scene file's run with its reference. For each scene with a
/// <c>reference_shot</c>: the reference's middle keyframe (the image <c>analyze</c> wrote), the
/// finished video's frame at the same place in the scene, the timing error (where the plan starts
/// the scene in the finished video, which the stitcher keeps to the frame, minus where the shot
/// starts in the reference), and the ΔE₀₀ between the two frames' palettes. Three ffmpeg runs in
/// all: the reference thumbnails, the recreated ones, and the palettes of both.
/// </summary>
internal sealed class ComparisonBuilder(FFmpegRunner runner)
{
    public async Task<Comparison> BuildAsync(CompiledScene scene, string? output, string folder, CancellationToken cancellationToken)
    {
        var file = scene.File;
        var starts = Timeline.OutputStartsMs(file, scene.Plan);
        var shots = file.Scenes
            .Select((s, i) => (Scene: s, Plan: scene.Plan.Scenes[i]))
            .Where(p => p.Scene.ReferenceShot is not null)
            .Select(p =>
            {
                var shot = p.Scene.ReferenceShot!;
                var recreatedStart = TimeSpan.FromMilliseconds(starts[p.Plan.Clips[0].Id]);
                var at = (double)((shot.KeyframeAt ?? ((shot.Start + shot.End) / 2)) - shot.Start);
                var within = Math.Clamp(at, 0, Math.Max(0, (double)p.Scene.Duration - 0.001));
                return (p.Scene, Shot: shot, RecreatedStart: recreatedStart, RecreatedAt: recreatedStart + TimeSpan.FromSeconds(within));
            })
            .ToList();

        var problems = new string?[shots.Count];
        var referenceFrames = new byte[]?[shots.Count];
        var recreatedFrames = new byte[]?[shots.Count];
        var thumbnails = new ThumbnailExtractor(runner);
        var withKeyframe = Enumerable.Range(0, shots.Count).Where(i => shots[i].Shot.Keyframe is { } k && File.Exists(k) && InputFiles.IsReadableFile(k)).ToList();
        foreach (var i in Enumerable.Range(0, shots.Count).Except(withKeyframe))
        {
            problems[i] = shots[i].Shot.Keyframe is { } missing ? $"reference keyframe {Path.GetFileName(missing)} not found" : "no reference keyframe recorded";
        }

        try
        {
            var images = await thumbnails.OfImagesAsync(withKeyframe.Select(i => shots[i].Shot.Keyframe!).ToList(), cancellationToken: cancellationToken);
            for (var k = 0; k < withKeyframe.Count; k++)
            {
                referenceFrames[withKeyframe[k]] = images[k];
            }

            if (output is not null && File.Exists(output) && shots.Count > 0)
            {
                var frames = await thumbnails.AtAsync(output, shots.Select(s => s.RecreatedAt).ToList(), cancellationToken: cancellationToken);
                frames.ToArray().CopyTo(recreatedFrames, 0);
            }
        }
        catch (Exception e) when (Failures.IsItemFailure(e))
        {
            problems = problems.Select(p => p ?? "frames could not be taken: " + e.Message.Split('\n')[0]).ToArray();
        }

        var (referencePalettes, recreatedPalettes, paletteProblem) = await PalettesAsync(referenceFrames, recreatedFrames, folder, cancellationToken);
        var rows = shots.Select((s, i) => new ComparisonRow(
            s.Scene.Id,
            TimeSpan.FromSeconds((double)s.Shot.Start),
            TimeSpan.FromSeconds((double)s.Shot.End),
            s.RecreatedStart,
            s.RecreatedStart - TimeSpan.FromSeconds((double)s.Shot.Start),
            referenceFrames[i],
            recreatedFrames[i],
            referencePalettes[i],
            recreatedPalettes[i],
            referencePalettes[i].Count > 0 && recreatedPalettes[i].Count > 0 ? PaletteDistance.Between(referencePalettes[i], recreatedPalettes[i]) : null,
            problems[i] ?? (recreatedFrames[i] is null ? "not recreated yet" : paletteProblem))).ToList();
        return new Comparison(file.Reference?.Video, output is not null && File.Exists(output) ? output : null, file.Output.Fps, rows);
    }

    /// <summary>Both sides' palettes, from the same small JPEGs the page shows (written to <paramref name="folder"/>), in one ffmpeg run.</summary>
    private async Task<(IReadOnlyList<PaletteColor>[] Reference, IReadOnlyList<PaletteColor>[] Recreated, string? Problem)> PalettesAsync(
        byte[]?[] reference, byte[]?[] recreated, string folder, CancellationToken cancellationToken)
    {
        var referencePalettes = reference.Select(_ => (IReadOnlyList<PaletteColor>)[]).ToArray();
        var recreatedPalettes = recreated.Select(_ => (IReadOnlyList<PaletteColor>)[]).ToArray();
        var files = new List<(string Path, IReadOnlyList<PaletteColor>[] Into, int Index)>();
        Directory.CreateDirectory(folder);
        foreach (var (frames, into, side) in new[] { (reference, referencePalettes, "ref"), (recreated, recreatedPalettes, "out") })
        {
            for (var i = 0; i < frames.Length; i++)
            {
                if (frames[i] is { } jpeg)
                {
                    var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{side}-{i:000}.jpg"));
                    await File.WriteAllBytesAsync(path, jpeg, cancellationToken);
                    files.Add((path, into, i));
                }
            }
        }

        try
        {
            var palettes = await new PaletteExtractor(runner).ExtractEachAsync(files.Select(f => f.Path).ToList(), 5, cancellationToken);
            for (var k = 0; k < files.Count; k++)
            {
                files[k].Into[files[k].Index] = palettes[k];
            }
        }
        catch (Exception e) when (Failures.IsItemFailure(e))
        {
            // The frames are shown anyway; the rows say why they have no palettes.
            return (referencePalettes, recreatedPalettes, "palettes could not be measured: " + e.Message.Split('\n')[0]);
        }

        return (referencePalettes, recreatedPalettes, null);
    }
}