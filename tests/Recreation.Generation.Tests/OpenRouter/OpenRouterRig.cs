using Recreation.Generation.OpenRouter;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.OpenRouter;

/// <summary>The fake OpenRouter (with its storage host), a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class OpenRouterRig : JobRig<FakeOpenRouterServer, OpenRouterOptions, OpenRouterClient>
{
    private OpenRouterRig(FakeOpenRouterServer server, TimeProvider time)
        : base(server, server.BaseUrl, server.ApiKey, time, (http, options, clock) => new OpenRouterClient(http, options, clock))
    {
    }

    public static Task<OpenRouterRig> StartAsync(Func<FakeProviderOptions, FakeProviderOptions>? server = null, bool realTime = false, CancellationToken cancellationToken = default) =>
        StartRigAsync(server, realTime, options => FakeOpenRouterServer.StartAsync(options, cancellationToken), (fake, time) => new OpenRouterRig(fake, time));
}