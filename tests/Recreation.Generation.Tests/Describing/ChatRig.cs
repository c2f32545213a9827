using Recreation.Generation.Describing;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Describing;

/// <summary>The fake chat completions server and a real <see cref="ChatDescriber"/> talking to it over loopback, on an auto-advancing fake clock.</summary>
internal sealed class ChatRig : ProviderRig
{
    private ChatRig(FakeChatServer server, TimeProvider time)
        : base(time)
    {
        Server = server;
    }

    public FakeChatServer Server { get; }

    /// <summary>Three tiny stand-ins for JPEG keyframes (the fake checks the data URIs, not the pixels).</summary>
    public static IReadOnlyList<byte[]> Keyframes { get; } = [[0xFF, 0xD8, 0xFF, 0xE0, 1], [0xFF, 0xD8, 0xFF, 0xE0, 2], [0xFF, 0xD8, 0xFF, 0xE0, 3]];

    public static async Task<ChatRig> StartAsync(CancellationToken cancellationToken = default) =>
        new(await FakeChatServer.StartAsync(cancellationToken: cancellationToken), NewTime(realTime: false));

    public DescribeOptions Options(Action<DescribeOptions>? configure = null)
    {
        var options = new DescribeOptions
        {
            BaseUrl = Server.BaseUrl.ToString(),
            ApiKey = Server.ApiKey,
            Model = "fake-vision-1",
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(500),
            RequestTimeout = TimeSpan.FromSeconds(20),
            JitterSeed = 7,
        };
        configure?.Invoke(options);
        return options;
    }

    public ChatDescriber Describer(Action<DescribeOptions>? configure = null) => new(Http(), Options(configure), Time);

    public static ShotDescriptionRequest Shot(int number, IReadOnlyList<byte[]>? keyframes = null) =>
        new(number, 4, 2.5, "pan", keyframes ?? Keyframes, []);

    protected override ValueTask DisposeServerAsync() => Server.DisposeAsync();
}