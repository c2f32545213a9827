using Recreation.Generation.Fal;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Fal;

/// <summary>The fake fal queue (with its download host), a real client talking to it over loopback, a clock and a temp folder, for one test.</summary>
internal sealed class FalRig : JobRig<FakeFalServer, FalOptions, FalClient>
{
    private FalRig(FakeFalServer server, TimeProvider time)
        : base(server, server.BaseUrl, server.ApiKey, time, (http, options, clock) => new FalClient(http, options, clock))
    {
    }

    public static Task<FalRig> StartAsync(Func<FakeProviderOptions, FakeProviderOptions>? server = null, bool realTime = false, CancellationToken cancellationToken = default) =>
        StartRigAsync(server, realTime, options => FakeFalServer.StartAsync(options, cancellationToken), (fake, time) => new FalRig(fake, time));
}