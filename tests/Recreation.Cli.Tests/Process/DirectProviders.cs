using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>The four direct paid providers of <see cref="DirectProviderKillSpecs"/>: how each is run, and its fake.</summary>
internal static class DirectProviders
{
    /// <summary>How one provider is run: its key variable and settings section, a key of its shape, a model and clip length, and any profile the scene defines.</summary>
    public sealed record Setup(string KeyVariable, string Section, string Key, string Model, int Seconds, string Profiles = "");

    public static Setup For(string provider)
    {
        var unique = Guid.NewGuid().ToString("N");
        return provider switch
        {
            "gemini" => new("GEMINI_API_KEY", "Gemini", "AIzaKillSpec" + unique, "veo-3.1-lite-generate-preview", 4),
            "runway" => new("RUNWAYML_API_SECRET", "Runway", "key_kill_spec_" + unique, "gen4.5", 2),
            // A model of the scene's own (fal runs any model its profile maps), with short clips to keep the run cheap.
            "fal" => new("FAL_KEY", "Fal", $"kill-spec-id:{unique}", "kill-spec-model", 2, """
                profiles:
                  - name: kill-spec-model
                    model: fal-ai/kill-spec/text-to-video
                    backends: [fal]
                    seconds: [2]
                    sizes: [{ size: 1280x720, usd_per_second: 0.05 }]
                    input_image: false
                    inputs: { duration: duration }
                """),
            "openrouter" => new("OPENROUTER_API_KEY", "OpenRouter", "sk-or-v1-kill-spec-" + unique, "google/veo-3.1-fast", 4),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "no kill spec setup"),
        };
    }

    public static async Task<DirectProviderFake> StartFakeAsync(string provider, FakeProviderOptions options, CancellationToken cancellationToken) => provider switch
    {
        "gemini" => DirectProviderFake.Of(await FakeGeminiServer.StartAsync(options, cancellationToken)),
        "runway" => DirectProviderFake.Of(await FakeRunwayServer.StartAsync(options, cancellationToken)),
        "fal" => DirectProviderFake.Of(await FakeFalServer.StartAsync(options, cancellationToken)),
        "openrouter" => DirectProviderFake.Of(await FakeOpenRouterServer.StartAsync(options, cancellationToken)),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "no fake"),
    };
}

/// <summary>Either fake, seen the same way.</summary>
internal sealed class DirectProviderFake(IAsyncDisposable server, Uri baseUrl, FaultScript faults, FakeDownloadHost downloads, Func<IReadOnlyList<FakeProviderJob>> jobs) : IAsyncDisposable
{
    public Uri BaseUrl => baseUrl;

    public FaultScript Faults => faults;

    public FaultScript DownloadFaults => downloads.Faults;

    public int JobsCreated => jobs().Count;

    public IEnumerable<string> JobIds() => jobs().Select(j => j.Id);

    public bool DownloadsCarriedCredential => downloads.Requests.Any(r => r.CarriedCredential);

    public static DirectProviderFake Of(FakeGeminiServer server) => new(server, server.BaseUrl, server.Faults, server.Downloads, () => server.Jobs);

    public static DirectProviderFake Of(FakeRunwayServer server) => new(server, server.BaseUrl, server.Faults, server.Downloads, () => server.Jobs);

    public static DirectProviderFake Of(FakeFalServer server) => new(server, server.BaseUrl, server.Faults, server.Downloads, () => server.Jobs);

    public static DirectProviderFake Of(FakeOpenRouterServer server) => new(server, server.BaseUrl, server.Faults, server.Downloads, () => server.Jobs);

    /// <summary>The scene description each job was made for (prompts begin with the style line, so the description is found by its words).</summary>
    public IEnumerable<string> Prompts() => jobs().Select(j => new[] { "Fog lifts", "A heron", "A rowing boat", "The sun breaks" }.First(d => j.Prompt.Contains(d, StringComparison.Ordinal)) + ".");

    public ValueTask DisposeAsync() => server.DisposeAsync();
}