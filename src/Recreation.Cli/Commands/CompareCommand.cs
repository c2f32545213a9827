using System.CommandLine;
using System.Globalization;

using Microsoft.Extensions.DependencyInjection;

using Recreation.Core.Diagnostics;
using Recreation.Core.Files;
using Recreation.Core.Security;
using Recreation.Media;
using Recreation.Media.Analysis;
using Recreation.Media.Comparing;
using Recreation.Media.Probing;
using Recreation.Pipeline;
using Recreation.Pipeline.Reports;

namespace Recreation.Cli.Commands;

/// <summary><c>recreate compare REF OUT -o side-by-side.mp4</c>: a reference and its recreation side by side, scene-aligned, labelled.</summary>
internal static class CompareCommand
{
    public static Command Create(CliConsole console)
    {
        var reference = new Argument<string>("REF") { Description = "The reference video (what was recreated)." };
        var recreation = new Argument<string>("OUT") { Description = "The recreation (a finished video from 'recreate run', or any video)." };
        var output = new Option<string>("--output", "-o") { Description = "The side-by-side MP4 to write (picture only, no sound).", Required = true };
        var height = new Option<int?>("--height") { Description = "Height of each side in pixels (default 360); the width follows REF's shape." };
        height.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } h && (h < 64 || h > 2160 || h % 2 != 0))
            {
                r.AddError("--height must be an even number from 64 to 2160.");
            }
        });
        var command = new Command(
            "compare",
            "Render REF and OUT side by side, labelled, into one MP4. Scene-aligned when it can be: REF's shots (found as 'recreate analyze' finds them) against OUT's scenes (the chapters a finished video from 'recreate run' carries, one per scene), when both have the same number (two or more): each shot starts beside its scene, the shorter of the two holding its last frame. Otherwise both play from their start (straight time alignment). Bad input (a missing or unreadable file, an output that is an input) exits with 2 and writes nothing.")
        {
            reference,
            recreation,
            output,
            height,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var left = Path.GetFullPath(parse.GetValue(reference)!);
            var right = Path.GetFullPath(parse.GetValue(recreation)!);
            var target = Path.GetFullPath(parse.GetValue(output)!);
            var problems = new[] { (left, "REF"), (right, "OUT") }
                .Select(p => (p.Item1, p.Item2, Why: File.Exists(p.Item1) ? InputFiles.WhyNotAFile(p.Item1) : "file not found"))
                .Where(p => p.Why is not null)
                .Select(p => new Diagnostic(Severity.Error, p.Item1, 0, 0, p.Item2, p.Why!))
                .ToList();
            if (!string.Equals(Path.GetExtension(target), ".mp4", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new Diagnostic(Severity.Error, target, 0, 0, "--output", "must end in .mp4 (the side-by-side video is an MP4)"));
            }

            if (problems.Count > 0)
            {
                throw new InvalidInputException(problems);
            }

            OutputGuard.RefuseInputs([new NamedFile(target, "output")], [new NamedFile(left, "REF"), new NamedFile(right, "OUT")]);
            using var host = Services.Build(null, verbose: false);
            var runner = host.Services.GetRequiredService<FFmpegRunner>();
            var outInfo = await ProbeAsync(runner, right, "OUT", cancellationToken);
            await ProbeAsync(runner, left, "REF", cancellationToken);

            await console.Error.WriteLineAsync($"Finding the shots of {left}...");
            var analysis = await new VideoAnalyzer(runner).AnalyzeAsync(left, cancellationToken: cancellationToken);
            var scenes = await new ChapterReader(runner).ReadAsync(right, cancellationToken);
            var (segments, aligned) = CompareAlignment.Align(analysis, scenes, outInfo.VideoDuration);
            await console.Error.WriteLineAsync(aligned
                ? $"Scene-aligned: {segments.Count} shots of REF against the {scenes.Count} scenes (chapters) of OUT."
                : $"Straight time alignment: REF has {analysis.Shots.Count} shot(s), OUT {(scenes.Count == 0 ? "no chapters" : $"{scenes.Count} chapter(s)")}, so they are not paired.");
            var last = -1;
            var progress = new SyncProgress<double>(f =>
            {
                var percent = (int)(f * 10) * 10;
                if (percent > last)
                {
                    last = percent;
                    console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Rendering side by side: {percent}%"));
                }
            });
            await new SideBySideRenderer(runner) { Height = parse.GetValue(height) ?? 360 }.RenderAsync(left, right, segments, target, progress, cancellationToken);
            await console.Output.WriteLineAsync($"Wrote {target}");
            return Core.ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A file ffprobe cannot read as a video is bad input (exit 2) naming the file, not a failed run.</summary>
    private static async Task<MediaInfo> ProbeAsync(FFmpegRunner runner, string path, string which, CancellationToken cancellationToken)
    {
        try
        {
            var info = await new MediaProbe(runner).ProbeAsync(path, cancellationToken);
            return info.HasVideo ? info : throw new InvalidInputException([new Diagnostic(Severity.Error, path, 0, 0, which, "has no video stream")]);
        }
        catch (MediaException e) when (Failures.IsItemFailure(e))
        {
            throw new InvalidInputException([new Diagnostic(Severity.Error, path, 0, 0, which, "is not a video ffprobe can read: " + e.Message.Split('\n')[0])]);
        }
    }
}