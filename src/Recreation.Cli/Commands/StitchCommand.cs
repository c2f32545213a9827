using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Recreation.Cli.Rendering;
using Recreation.Cli.Security;
using Recreation.Core;
using Recreation.Core.Diagnostics;
using Recreation.Core.Model;
using Recreation.Core.Security;
using Recreation.Media;
using Recreation.Media.Conforming;
using Recreation.Media.Files;
using Recreation.Media.Probing;
using Recreation.Media.Stitching;
using Recreation.Media.Validation;
using Recreation.Pipeline.Running;

using MediaTransition = Recreation.Media.Stitching.Transition;

namespace Recreation.Cli.Commands;

/// <summary>
/// <c>recreate stitch CLIP... -o OUT</c>: finish any set of clips, generated or downloaded. Settings
/// come from the options, else a scene file's output section (<c>--scene</c>), else the first clip.
/// </summary>
internal static class StitchCommand
{
    public static Command Create(CliConsole console)
    {
        var clips = new Argument<string[]>("CLIP") { Description = "The clips, in order.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The finished MP4.", Required = true };
        var scene = new Option<string?>("--scene") { Description = "Take size, fit, fps, loudness and the default transition from this scene file's output section." };
        var size = new Option<string?>("--size") { Description = "Output size WxH (even numbers). Default: the first clip's display size." };
        var fit = new Option<string?>("--fit") { Description = "cover (scale and crop, the default) | contain (scale and pad) | blur (blurred fill)." };
        fit.AcceptOnlyFromAmong("cover", "contain", "blur");
        var fps = new Option<int?>("--fps") { Description = "Output frame rate. Default: the first clip's, rounded." };
        var transition = new Option<string?>("--transition") { Description = "Between every two clips: cut (default), crossfade:SECONDS or fade-black:SECONDS, e.g. crossfade:0.5." };
        var loudness = new Option<string?>("--loudness") { Description = "Integrated loudness in LUFS (default -14), or 'none' to leave levels alone." };
        var fade = new Option<string?>("--fade") { Description = "Fade from black at the start and to black at the end, picture and sound: SECONDS for both, or IN,OUT (e.g. 0.5 or 1,2)." };
        var music = new Option<string?>("--music") { Description = "An audio file laid under the whole video, looped, and ducked under the clips' own sound." };
        var musicVolume = new Option<decimal?>("--music-volume") { Description = "The music's gain, 0 to 2 (default 0.3; 1 = as recorded)." };
        var trimHead = new Option<string?>("--trim-head") { Description = "Cut the start of every clip: auto (a black or frozen opening) or SECONDS." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every FFmpeg step." };
        var checkDecode = new Option<bool>("--check-decode")
        {
            Description = "Also decode every clip before stitching, to catch damage in the middle of a file (truncated or unreadable files are always caught). Costs about one decode of each clip.",
        };
        var noWindowed = new Option<bool>("--no-windowed")
        {
            Description = "Re-encode transitions in full even when the clips share codec parameters (by default only the windows around each transition are re-encoded then).",
        };
        var command = new Command("stitch", "Conform and join clips into one normalized MP4 (stream copy when they already match and every transition is a cut).")
        {
            clips, output, scene, size, fit, fps, transition, loudness, fade, music, musicVolume, trimHead, checkDecode, noWindowed, verbose,
        };
        var trust = TrustOptions.ForInputs(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(clips)!;
            var missing = paths.Where(p => !File.Exists(p)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidInputException(missing.Select(m => new Diagnostic(Severity.Error, m, 0, 0, "", "file not found")).ToList());
            }

            var outputPath = Path.GetFullPath(parse.GetValue(output)!);
            var sceneOutput = parse.GetValue(scene) is { } sceneFile ? SceneCompiler.Compile(sceneFile, security: trust.Read(parse)).File.Output : null;
            var (fadeIn, fadeOut) = ParseFade(parse.GetValue(fade)) ?? (sceneOutput is null ? (TimeSpan.Zero, TimeSpan.Zero) : (MediaSettings.FadeIn(sceneOutput), MediaSettings.FadeOut(sceneOutput)));
            var head = ParseTrimHead(parse.GetValue(trimHead)) ?? MediaSettings.TrimHead(sceneOutput?.TrimHead);
            var bed = ParseMusic(parse.GetValue(music), parse.GetValue(musicVolume), sceneOutput);
            var inputs = paths.Select((p, i) => new NamedFile(Path.GetFullPath(p), $"clip {i + 1}"))
                .Concat(bed is null ? [] : [new NamedFile(Path.GetFullPath(bed.Path), "music")])
                .Concat(parse.GetValue(scene) is { } sceneInput ? [new NamedFile(Path.GetFullPath(sceneInput), "scene file")] : []);
            OutputGuard.RefuseInputs([new NamedFile(outputPath, "output")], inputs);
            using var host = Services.Build(null, parse.GetValue(verbose));
            var runner = host.Services.GetRequiredService<FFmpegRunner>();

            // Defaults come from the first clip: the stitcher fills them in from its own probe of
            // every clip (each clip is probed and validated exactly once, before any work; a
            // damaged one is reported by name and nothing is written).
            var givenSize = ParseSize(parse.GetValue(size)) ?? sceneOutput?.Size;
            var givenFps = parse.GetValue(fps) ?? sceneOutput?.Fps;
            var settings = new StitchSettings(
                givenSize?.Width ?? 0, givenSize?.Height ?? 0,
                ParseFit(parse.GetValue(fit)) ?? (sceneOutput is null ? FitMode.Cover : MediaSettings.Fit(sceneOutput.Fit)),
                givenFps is { } rate ? new Rational(rate, 1) : Rational.Zero,
                ParseLoudness(parse.GetValue(loudness), sceneOutput));
            settings = settings with
            {
                FadeIn = fadeIn,
                FadeOut = fadeOut,
                TrimHead = head,
                Finishing = new Finishing { Music = bed },
            };
            var between = ParseTransition(parse.GetValue(transition)) ?? MediaSettings.Transition(sceneOutput?.Transition ?? TransitionSpec.Cut);
            var request = new StitchRequest(
                paths.Select(p => new StitchClip(p, Label: Path.GetFileName(p))).ToList(),
                Enumerable.Repeat(between, paths.Length - 1).ToList(),
                settings,
                outputPath,
                Path.GetDirectoryName(outputPath)!)
            {
                Decode = parse.GetValue(checkDecode) ? DecodeCheck.Full : DecodeCheck.None,
                SettingsFromFirstClip = givenSize is null || givenFps is null,
                Windowed = !parse.GetValue(noWindowed),
            };
            AtomicFile.CreateFolder(Path.GetDirectoryName(outputPath)!);
            var stitcher = new Stitcher(runner, host.Services.GetRequiredService<ILogger<Stitcher>>());
            StitchResult result;
            try
            {
                result = await new StitchProgressView(console).ShowAsync(progress => stitcher.StitchAsync(request, progress, cancellationToken));
            }
            catch (InvalidMediaException e)
            {
                throw new InvalidInputException(e.Report.Invalid.Select(f => new Diagnostic(Severity.Error, f.Path, 0, 0, "", string.Join("; ", f.Problems))).ToList());
            }

            var overlap = result.TransitionOverlap > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"; transitions shortened it by {result.TransitionOverlap.TotalSeconds:0.###} s") : "";
            var loud = result.Loudness is { } l
                ? string.Create(CultureInfo.InvariantCulture, $"; loudness {l.Input.IntegratedLufs:0.0} → {l.OutputIntegratedLufs:0.0} LUFS (target {l.TargetLufs:0.#}, {l.NormalizationType})")
                : "";
            await console.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Done: {outputPath} — {result.Duration.TotalSeconds:0.###} s, {result.Output.Video!.Width}x{result.Output.Video.Height} at {result.Output.Video.FrameRate} fps; {result.Path switch { StitchPath.StreamCopy => "stream copy (fast path)", StitchPath.OnePass => "conformed in one pass", StitchPath.Windowed => "windowed (only transitions re-encoded)", _ => "conformed" }}: {result.Reason}{overlap}{loud}."));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>--fade SECONDS or IN,OUT.</summary>
    private static (TimeSpan In, TimeSpan Out)? ParseFade(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split(',');
        var seconds = parts.Select(p => decimal.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && FinishingRules.FadeProblem(s) is null ? s : (decimal?)null).ToList();
        if (parts.Length > 2 || seconds.Any(s => s is null))
        {
            throw Usage($"--fade must be SECONDS or IN,OUT (e.g. 0.5 or 1,2); each {FinishingRules.FadeRule}, not '{text}'.");
        }

        return (TimeSpan.FromSeconds((double)seconds[0]!.Value), TimeSpan.FromSeconds((double)seconds[^1]!.Value));
    }

    /// <summary>--trim-head auto or SECONDS.</summary>
    private static HeadTrim? ParseTrimHead(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return HeadTrim.Auto;
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && FinishingRules.TrimHeadProblem(seconds) is null
            ? HeadTrim.Seconds(TimeSpan.FromSeconds((double)seconds))
            : throw Usage(string.Create(CultureInfo.InvariantCulture, $"--trim-head must be auto or seconds between 0 and {FinishingRules.MaxTrimHeadSeconds}, not '{text}'."));
    }

    /// <summary>--music PATH [--music-volume V], else the scene file's music.</summary>
    private static MusicBed? ParseMusic(string? path, decimal? volume, OutputSettings? scene)
    {
        if (volume is { } given && FinishingRules.MusicVolumeProblem(given) is { } problem)
        {
            throw Usage(string.Create(CultureInfo.InvariantCulture, $"--music-volume {problem}, not {given}."));
        }

        if (path is null)
        {
            var fromScene = scene is null ? null : MediaSettings.Music(scene);
            return fromScene is not null && volume is { } v ? fromScene with { Volume = (double)v } : fromScene
                ?? (volume is null ? null : throw Usage("--music-volume needs --music (or a scene file with output.music)."));
        }

        if (!File.Exists(path))
        {
            throw new InvalidInputException([new Diagnostic(Severity.Error, path, 0, 0, "--music", "file not found")]);
        }

        return new MusicBed(Path.GetFullPath(path), (double)(volume ?? FinishingRules.DefaultMusicVolume));
    }

    private static FitMode? ParseFit(string? text) => text switch
    {
        null => null,
        "contain" => FitMode.Contain,
        "blur" => FitMode.Blur,
        _ => FitMode.Cover,
    };

    private static FrameSize? ParseSize(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!FrameSize.TryParse(text, out var size) || !size.Value.IsEven)
        {
            throw Usage($"--size must be WIDTHxHEIGHT with even numbers, like 1280x720, not '{text}'.");
        }

        return size;
    }

    private static double? ParseLoudness(string? text, OutputSettings? scene)
    {
        if (text is null)
        {
            return scene is null ? (double)FinishingRules.DefaultLoudnessLufs : scene.Loudness is { } lufs ? (double)lufs : null;
        }

        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || FinishingRules.LoudnessProblem(value) is not null)
        {
            throw Usage($"--loudness {FinishingRules.LoudnessRule}, or 'none', not '{text}'.");
        }

        return (double)value;
    }

    /// <summary>--transition: the scene file's short form, by the same rules (<see cref="FinishingRules.ParseTransition"/>).</summary>
    private static MediaTransition? ParseTransition(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var (spec, problem) = FinishingRules.ParseTransition(text);
        return spec is null
            ? throw Usage($"--transition must be cut, crossfade:SECONDS or fade-black:SECONDS; '{text}': {problem}.")
            : MediaSettings.Transition(spec);
    }

    private static RecreationException Usage(string message) => new(message, ExitCodes.InvalidInput);
}