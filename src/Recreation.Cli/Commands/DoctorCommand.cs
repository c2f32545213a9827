using System.CommandLine;
using System.Diagnostics;

using Recreation.Cli.Security;
using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Core.Security;
using Recreation.Generation.OpenAI;
using Recreation.Media;

namespace Recreation.Cli.Commands;

/// <summary>
/// <c>recreate doctor [SCENE]</c>: checks what a run needs before any money is at stake — ffmpeg,
/// the API key (present or not; never printed), the base URL answering, and the model listed by
/// <c>GET /models</c>. Exit 0 when every check passes, 1 otherwise.
/// </summary>
internal static class DoctorCommand
{
    /// <summary>The day OpenAI shut the Sora models down on its own API (VIDEOS-API.md).</summary>
    public const string SoraShutdown = "2026-09-24";

    public static Command Create(CliConsole console)
    {
        var scene = new Argument<string?>("SCENE") { Arity = ArgumentArity.ZeroOrOne, Description = "A scene file whose target (model, base_url, api_key_env) to check; without one, the openai defaults (sora-2, OPENAI_BASE_URL, OPENAI_API_KEY)." };
        var profiles = CommonOptions.Profiles();
        var model = new Option<string?>("--model") { Description = "Check this model instead of the scene's (or sora-2)." };
        var command = new Command("doctor", "Check this machine and the Videos API settings before a paid run: ffmpeg, the API key (never printed), the base URL, and the model in GET /models.")
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
            var target = compiled?.File.Target ?? new TargetSettings(Backend.OpenAI, "sora-2", new FrameSize(1280, 720), null, 2, null, null);
            if (parse.GetValue(model) is { Length: > 0 } other)
            {
                target = target with { Model = other };
            }

            // Before anything is checked or sent: a scene asking to send the key where the user's
            // settings do not allow is refused (exit 2), as on 'run'.
            var (options, endpoint) = OpenAISettings.ResolveEndpoint(compiled, Services.Configuration(), Environment.GetEnvironmentVariable, security);

            var report = new DoctorReport(console);
            await CheckFfmpegAsync(report, cancellationToken);
            await CheckVideosApiAsync(report, target, options, endpoint, cancellationToken);
            await console.Output.WriteLineAsync(report.Failures == 0 ? "All checks passed." : $"{report.Failures} check(s) failed.");
            return report.Failures == 0 ? ExitCodes.Success : ExitCodes.RunFailed;
        });
        return command;
    }

    private static async Task CheckFfmpegAsync(DoctorReport report, CancellationToken cancellationToken)
    {
        var configuration = Services.Configuration();
        MediaToolPaths tools;
        try
        {
            tools = MediaToolPaths.Locate(new MediaToolsOptions
            {
                FfmpegPath = NullIfEmpty(configuration["Media:FfmpegPath"]),
                FfprobePath = NullIfEmpty(configuration["Media:FfprobePath"]),
            });
        }
        catch (MediaException e)
        {
            report.Fail("ffmpeg", e.Message);
            return;
        }

        var version = await FirstLineAsync(tools.Ffmpeg, cancellationToken);
        report.Pass("ffmpeg", $"{tools.Ffmpeg} ({version}); ffprobe {tools.Ffprobe}");
    }

    private static async Task CheckVideosApiAsync(DoctorReport report, TargetSettings target, OpenAIVideosOptions options, ResolvedEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            if (options.ApiKey is null)
            {
                throw new RecreationException(OpenAISettings.MissingKey(endpoint), ExitCodes.InvalidInput);
            }

            options.ThrowIfInvalid();
        }
        catch (RecreationException e)
        {
            report.Fail("API key", e.Message);
            if (target.Backend != Backend.OpenAI)
            {
                report.Note($"The scene uses the {BackendNames.Name(target.Backend)} backend, which needs no key; the openai backend would.");
            }

            return;
        }

        report.Pass("API key", $"{endpoint.KeyVariable} is set (not shown); sent as {(options.AuthHeader == OpenAIVideosOptions.ApiKeyAuth ? "an api-key header" : "a bearer token")}");
        options.MaxRetryAttempts = 1;
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(200);
        options.RetryMaxDelay = TimeSpan.FromSeconds(1);
        options.RequestTimeout = TimeSpan.FromSeconds(15);
        using var http = new HttpClient(VideosClient.CreateHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new VideosClient(http, options);
        IReadOnlyList<string> models;
        try
        {
            models = await client.ListModelsAsync(cancellationToken);
        }
        catch (VideosApiException e) when (e.StatusCode is null)
        {
            report.Fail("base URL", $"{options.BaseUrl} did not answer: {e.Message} Check OPENAI_BASE_URL (or target.base_url) and the network.");
            return;
        }
        catch (VideosApiException e)
        {
            report.Pass("base URL", $"{options.BaseUrl} answers");
            report.Fail("models", e.Message);
            return;
        }

        report.Pass("base URL", $"{options.BaseUrl} answers");
        if (models.Contains(target.Model, StringComparer.Ordinal))
        {
            report.Pass("model", $"{target.Model} is listed by {options.BaseUrl}/models");
            return;
        }

        report.Fail("model", MissingModelAdvice(options.BaseUrl, target.Model, models));
    }

    /// <summary>What to say when <paramref name="model"/> is not among the <paramref name="offered"/> ones.</summary>
    internal static string MissingModelAdvice(string baseUrl, string model, IReadOnlyList<string> offered)
    {
        if (IsOpenAIsOwn(baseUrl) && model.StartsWith("sora", StringComparison.OrdinalIgnoreCase))
        {
            return $"{model} is not offered by OpenAI's own API any more: OpenAI shut the Sora models down on {SoraShutdown}. "
                + "To go on, point OPENAI_BASE_URL (or target.base_url) at a compatible gateway that serves a video model (with a profile for it: 'recreate profiles --yaml' shows the format), "
                + "or render with --backend placeholder (offline stand-ins) or target.backend: manual (clips made by hand, then 'recreate import').";
        }

        var list = offered.Count == 0 ? "none" : string.Join(", ", offered.Where(m => !m.StartsWith("ft:", StringComparison.Ordinal)).Take(12));
        return $"{model} is not listed by {baseUrl.TrimEnd('/')}/models (offered: {list}). Fix target.model, or add a profile for a model this service offers.";
    }

    private static bool IsOpenAIsOwn(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) && url.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase);

    private static async Task<string> FirstLineAsync(string executable, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-version");
        using var process = Process.Start(start)!;
        var first = await process.StandardOutput.ReadLineAsync(cancellationToken) ?? "";
        _ = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
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