using Recreation.Generation.Gemini;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Gemini;

/// <summary>A fake Gemini API (with its download host), a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class GeminiRig : JobRig<FakeGeminiServer, GeminiOptions, GeminiClient>
{
    private GeminiRig(FakeGeminiServer server, TimeProvider time)
        : base(server, server.BaseUrl, server.ApiKey, time, (http, options, clock) => new GeminiClient(http, options, clock))
    {
    }

    public static Task<GeminiRig> StartAsync(Func<FakeProviderOptions, FakeProviderOptions>? server = null, bool realTime = false, CancellationToken cancellationToken = default) =>
        StartRigAsync(server, realTime, options => FakeGeminiServer.StartAsync(options, cancellationToken), (fake, time) => new GeminiRig(fake, time));
}