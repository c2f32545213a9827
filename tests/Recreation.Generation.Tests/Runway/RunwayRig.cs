using Recreation.Generation.Runway;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Runway;

/// <summary>A fake Runway API (with its download host), a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class RunwayRig : JobRig<FakeRunwayServer, RunwayOptions, RunwayClient>
{
    private RunwayRig(FakeRunwayServer server, TimeProvider time)
        : base(server, server.BaseUrl, server.ApiKey, time, (http, options, clock) => new RunwayClient(http, options, clock))
    {
    }

    public static Task<RunwayRig> StartAsync(Func<FakeProviderOptions, FakeProviderOptions>? server = null, bool realTime = false, CancellationToken cancellationToken = default) =>
        StartRigAsync(server, realTime, options => FakeRunwayServer.StartAsync(options, cancellationToken), (fake, time) => new RunwayRig(fake, time));
}