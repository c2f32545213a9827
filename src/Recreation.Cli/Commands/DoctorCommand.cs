using System.CommandLine;

using Recreation.Cli.Security;
using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Core.Security;
using Recreation.Generation.OpenAI;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Processes;

namespace Recreation.Cli.Commands;

/// <summary>
/// <c>recreate doctor [SCENE]</c>: checks what a run needs before any money is at stake — ffmpeg,
/// then the checks the scene's provider declares (<see cref="IClipProvider.CheckAsync"/>: its key
/// present or not, never printed; its service answering; the model known to it where the service
/// can say). Exit 0 when every check passes, 1 otherwise.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliConsole console)
    {
        var scene = new Argument<string?>("SCENE") { Arity = ArgumentArity.ZeroOrOne, Description = "A scene file whose target (backend, model, base_url, api_key_env) to check; without one, the openai defaults (sora-2, OPENAI_BASE_URL, OPENAI_API_KEY)." };
        var profiles = CommonOptions.Profiles();
        var model = new Option<string?>("--model") { Description = "Check this model instead of the scene's (or sora-2)." };
        var command = new Command("doctor", "Check this machine and the backend before a paid run: ffmpeg, then what the scene's provider checks (its key, never printed; its service answering; the model).")
        {
            scene,
            profiles,
            model,
        };
        var trust = TrustOptions.ForEndpoints(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var security = trust.Read(parse);
            var compiled = parse.GetValue(scene) is { } file ? CommonOptions.Compile(file, parse.GetValue(profiles), security) : null;
            var target = compiled?.File.Target ?? new TargetSettings(OpenAIProvider.ProviderName, "sora-2", new FrameSize(1280, 720), null, null, null, null);
            if (parse.GetValue(model) is { Length: > 0 } other)
            {
                target = target with { Model = other };
            }

            // The provider resolves its settings first: a scene asking to send the key where the
            // user's settings do not allow is refused there (exit 2, nothing printed), as on 'run'.
            var provider = Services.Providers.Get(target.Backend);
            var checks = await provider.CheckAsync(new ProviderTarget(target, compiled), Services.ProviderSettings(security), cancellationToken);

            var report = new DoctorReport(console);
            await CheckFfmpegAsync(report, cancellationToken);
            Report(report, provider, checks);
            await console.Output.WriteLineAsync(report.Failures == 0 ? "All checks passed." : $"{report.Failures} check(s) failed.");
            return report.Failures == 0 ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    private static async Task CheckFfmpegAsync(DoctorReport report, CancellationToken cancellationToken)
    {
        var configuration = Services.Configuration();
        var runner = new FFmpegRunner(new MediaToolsOptions
        {
            FfmpegPath = NullIfEmpty(configuration["Media:FfmpegPath"]),
            FfprobePath = NullIfEmpty(configuration["Media:FfprobePath"]),
        });
        MediaToolPaths tools;
        try
        {
            tools = runner.Tools;
        }
        catch (MediaException e)
        {
            report.Fail("ffmpeg", e.Message);
            return;
        }

        var version = await FirstLineAsync(runner, cancellationToken);
        report.Pass("ffmpeg", $"{tools.Ffmpeg} ({version}); ffprobe {tools.Ffprobe}");
    }

    /// <summary>The provider's own checks (<see cref="IClipProvider.CheckAsync"/>): key, service, model.</summary>
    private static void Report(DoctorReport report, IClipProvider provider, IReadOnlyList<ProviderCheck> checks)
    {
        if (checks.Count == 0)
        {
            report.Note($"The {provider.Name} backend sends nothing anywhere: it needs no key and no service.");
            return;
        }

        foreach (var check in checks)
        {
            if (check.Passed)
            {
                report.Pass(check.Check, check.Detail);
            }
            else
            {
                report.Fail(check.Check, check.Detail);
            }
        }
    }

    /// <summary>ffmpeg's version line, through the one process runner (stdout as bytes: no progress pipe).</summary>
    private static async Task<string> FirstLineAsync(FFmpegRunner runner, CancellationToken cancellationToken)
    {
        var command = MediaCommand.FFmpeg(["-version"], "reading its version") with { CaptureBinaryOutput = true };
        var result = await runner.RunAsync(command, cancellationToken);
        var first = System.Text.Encoding.UTF8.GetString(result.BinaryOutput.Span).Split('\n', 2)[0].Trim();
        return first.Split(" Copyright", 2)[0];
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>One line per check: "ok" or "FAIL", the check, what was found or what to do.</summary>
    private sealed class DoctorReport(CliConsole console)
    {
        public int Failures { get; private set; }

        public void Pass(string check, string detail) => console.Output.WriteLine($"  ok    {check,-9} {detail}");

        public void Fail(string check, string detail)
        {
            Failures++;
            console.Output.WriteLine($"  FAIL  {check,-9} {detail}");
        }

        public void Note(string detail) => console.Output.WriteLine($"        {detail}");
    }
}