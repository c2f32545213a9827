using System.CommandLine;

using Microsoft.Extensions.DependencyInjection;

using Recreation.Cli.Rendering;
using Recreation.Core;
using Recreation.Core.Diagnostics;
using Recreation.Media;
using Recreation.Media.Analysis;
using Recreation.Pipeline.Analysis;

namespace Recreation.Cli.Commands;

/// <summary><c>recreate analyze VIDEO... [-o DIR] [--json]</c>: a reference video's shots, and a draft scene file from them.</summary>
internal static class AnalyzeCommand
{
    public static Command Create(CliConsole console)
    {
        var videos = new Argument<string[]>("VIDEO") { Description = "The reference video(s) to analyze.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write <name>.yaml (a draft scene file, one scene per shot) and its keyframes (<name>-keyframes/) into this folder.",
        };
        var json = new Option<bool>("--json") { Description = "Print the analysis as JSON (one object per video, one per line) instead of a table." };
        var noReferenceImages = new Option<bool>("--no-reference-images") { Description = "With -o: leave reference_image out of the draft's scenes (the keyframes are still written)." };
        var command = new Command("analyze", "Find the shots of reference videos (cuts, dissolves, fades through black) with their timing, keyframes, palette, brightness, camera movement and loudness; -o drafts a scene file that recreates the timing.")
        {
            videos,
            output,
            json,
            noReferenceImages,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(videos)!;
            var missing = paths.Where(p => !File.Exists(p)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidInputException(missing.Select(m => new Diagnostic(Severity.Error, m, 0, 0, "", "file not found")).ToList());
            }

            var folder = parse.GetValue(output) is { } o ? Path.GetFullPath(o) : null;
            if (folder is not null && File.Exists(folder))
            {
                throw new RecreationException($"-o {folder}: that is a file; give a folder to write the draft scene files into.", ExitCodes.InvalidInput);
            }

            using var host = Services.Build(null, verbose: false);
            var runner = host.Services.GetRequiredService<FFmpegRunner>();
            foreach (var path in paths)
            {
                var analysis = await new VideoAnalyzer(runner).AnalyzeAsync(path, cancellationToken: cancellationToken);
                IReadOnlyDictionary<int, string>? images = null;
                string? draft = null;
                if (folder is not null)
                {
                    var name = Path.GetFileNameWithoutExtension(path);
                    var keyframes = Path.Combine(folder, name + "-keyframes");
                    images = await new KeyframeWriter(runner).WriteAsync(analysis, keyframes, cancellationToken);
                    var relative = images.ToDictionary(kv => kv.Key, kv => Path.GetRelativePath(folder, kv.Value));
                    draft = Path.Combine(folder, name + ".yaml");
                    await File.WriteAllTextAsync(draft, DraftScene.Write(analysis, name, parse.GetValue(noReferenceImages) ? null : relative, Path.GetRelativePath(folder, Path.GetFullPath(path)), relative), cancellationToken);
                }

                if (parse.GetValue(json))
                {
                    await console.Output.WriteLineAsync(AnalysisJson.Write(analysis, images));
                }
                else
                {
                    Render(console, analysis, draft);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(CliConsole console, VideoAnalysis analysis, string? draft)
    {
        var fps = analysis.FrameRate.ToDouble();
        console.Output.WriteLine($"{analysis.Path}: {analysis.Width}x{analysis.Height}, {fps:0.###} fps, {analysis.Duration.TotalSeconds:0.###} s, {analysis.Shots.Count} shots, loudness {(analysis.LoudnessLufs is { } l ? $"{l:0.0} LUFS" : "none")}");
        foreach (var shot in analysis.Shots)
        {
            var into = AnalysisJson.TransitionName(shot.Transition.Kind);
            var length = shot.Transition.Kind is ShotTransitionKind.Dissolve or ShotTransitionKind.FadeThroughBlack ? $" {AnalysisJson.TransitionSeconds(shot.Transition, fps):0.###} s" : "";
            console.Output.WriteLine(
                $"  {shot.Number,3}  {shot.Start.TotalSeconds,8:0.000}-{shot.End.TotalSeconds,-8:0.000} frames {shot.FirstFrame}-{shot.LastFrame}  {into}{length}  {shot.Camera.ToString().ToLowerInvariant()}  " +
                $"{string.Join(" ", shot.Palette.Take(3).Select(p => p.Hex))}  {(shot.Silent ? "silent" : $"{shot.LoudnessLufs:0.0} LUFS")}");
        }

        if (draft is not null)
        {
            console.Output.WriteLine($"Draft scene file: {draft} (write the descriptions, then 'recreate plan' it)");
        }
    }
}