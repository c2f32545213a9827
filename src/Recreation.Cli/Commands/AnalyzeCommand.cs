using System.CommandLine;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Recreation.Cli.Rendering;
using Recreation.Cli.Security;
using Recreation.Core;
using Recreation.Core.Diagnostics;
using Recreation.Generation.Describing;
using Recreation.Media;
using Recreation.Media.Analysis;
using Recreation.Media.Frames;
using Recreation.Pipeline.Analysis;

namespace Recreation.Cli.Commands;

/// <summary><c>recreate analyze VIDEO... [-o DIR] [--json] [--describe]</c>: a reference video's shots, and a draft scene file from them.</summary>
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
        var describe = new Option<bool>("--describe")
        {
            Description = "Send each shot's first, middle and last keyframes (small JPEGs) to a vision chat model (OpenAI-compatible chat completions: OpenAI, a gateway, or a local server such as Ollama) " +
                "and write what it sees into the draft: description, people, interactions, characters with their visual anchors, lighting, framing. " +
                $"Paid per token on OpenAI; requests and tokens are shown. Settings: RECREATION_Describe__BaseUrl (default {DescribeOptions.DefaultRoot}), RECREATION_Describe__Model, " +
                $"key {DescribeSettings.KeySetting} or {DescribeSettings.KeyEnvSetting}=VARIABLE; {DescribeSettings.KeyVariable} only to OpenAI's API host, no key to any other server. A shot whose answer is refused or malformed keeps its draft text.",
        };
        var model = new Option<string?>("--model") { Description = $"With --describe: the chat model (default RECREATION_Describe__Model, else {DescribeOptions.DefaultModel}, a guess at a cheap vision model)." };
        var command = new Command("analyze", "Find the shots of reference videos (cuts, dissolves, fades through black) with their timing, keyframes, palette, brightness, camera movement and loudness; -o drafts a scene file that recreates the timing; --describe has a vision chat model write its descriptions.")
        {
            videos,
            output,
            json,
            noReferenceImages,
            describe,
            model,
        };
        var trust = TrustOptions.ForHttp(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!parse.GetValue(describe) && parse.GetValue(model) is { } unused)
            {
                throw new RecreationException($"--model {unused} chooses the chat model that --describe asks, and this analyze has no --describe: add --describe, or leave --model out.", ExitCodes.InvalidInput);
            }

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

            // Settings first: a missing key is exit 2 before any decoding.
            var describeOptions = parse.GetValue(describe) ? DescribeSettings.Resolve(Services.ProviderSettings(trust.Read(parse)), parse.GetValue(model)) : null;
            if (describeOptions is not null)
            {
                await console.Error.WriteLineAsync($"--describe asks {describeOptions.BaseUrl}; key: {describeOptions.KeySource}.");
            }

            using var host = Services.Build(null, verbose: false);
            var runner = host.Services.GetRequiredService<FFmpegRunner>();
            using var describer = describeOptions is null ? null
                : ChatDescriber.Open(describeOptions, host.Services.GetRequiredService<TimeProvider>(), host.Services.GetRequiredService<ILogger<ChatDescriber>>());
            var stopped = false;
            foreach (var path in paths)
            {
                var analysis = await new VideoAnalyzer(runner).AnalyzeAsync(path, cancellationToken: cancellationToken);
                IReadOnlyDictionary<int, string>? images = null;
                string? draft = null;
                DescribeReport? described = null;
                var name = Path.GetFileNameWithoutExtension(path);
                var keyframes = folder is not null ? Path.Combine(folder, name + "-keyframes") : describer is not null ? Path.Combine(Path.GetTempPath(), "recreation-keyframes-" + Guid.NewGuid().ToString("N")) : null;
                try
                {
                    if (keyframes is not null)
                    {
                        images = await new KeyframeWriter(runner).WriteAsync(analysis, keyframes, cancellationToken);
                    }

                    if (describer is not null)
                    {
                        await console.Error.WriteLineAsync($"Describing {analysis.Shots.Count} shots of {path} with {describer.Model}…");
                        described = await new ShotDescriber(describer, new JpegThumbnail(runner), describeOptions!)
                            .DescribeAsync(analysis, images!, line => console.Error.WriteLine(line), cancellationToken);
                        stopped |= described.Stopped;
                    }
                }
                finally
                {
                    if (folder is null && keyframes is not null && Directory.Exists(keyframes))
                    {
                        Directory.Delete(keyframes, recursive: true);
                    }
                }

                if (folder is not null)
                {
                    var relative = images!.ToDictionary(kv => kv.Key, kv => Path.GetRelativePath(folder, kv.Value));
                    draft = Path.Combine(folder, name + ".yaml");
                    await File.WriteAllTextAsync(draft, DraftScene.Write(analysis, name, parse.GetValue(noReferenceImages) ? null : relative, Path.GetRelativePath(folder, Path.GetFullPath(path)), relative, described?.Descriptions), cancellationToken);
                }

                if (parse.GetValue(json))
                {
                    await console.Output.WriteLineAsync(AnalysisJson.Write(analysis, folder is null ? null : images, described));
                }
                else
                {
                    Render(console, analysis, draft, described);
                }
            }

            // A refused key or an unknown model: the drafts are written, the descriptions are not.
            return stopped ? ExitCodes.RunFailed : ExitCodes.Success;
        });
        return command;
    }

    private static void Render(CliConsole console, VideoAnalysis analysis, string? draft, DescribeReport? described)
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

        if (described is not null)
        {
            var usage = described.Usage;
            console.Output.WriteLine(
                $"Described {described.Descriptions.Count} of {analysis.Shots.Count} shots with {described.Model}: {usage.Requests} requests, {usage.PromptTokens} prompt + {usage.CompletionTokens} completion tokens ({usage.TotalTokens} in all)");
        }

        if (draft is not null)
        {
            var todo = described is null || described.Descriptions.Count < analysis.Shots.Count ? "write the descriptions" : "check the descriptions";
            console.Output.WriteLine($"Draft scene file: {draft} ({todo}, then 'recreate plan' it)");
        }
    }
}