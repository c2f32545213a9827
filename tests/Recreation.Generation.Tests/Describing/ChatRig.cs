using Recreation.Generation.Describing;
using Recreation.Testing.FakeProviders;

namespace Recreation.Generation.Tests.Describing;

/// <summary>The fake chat completions server and a real <see cref="ChatDescriber"/> talking to it over loopback, on an auto-advancing fake clock.</summary>
internal sealed class ChatRig : ProviderRig<FakeChatServer, DescribeOptions>
{
    private ChatRig(FakeChatServer server, TimeProvider time)
        : base(server, server.BaseUrl, server.ApiKey, time)
    {
    }

    /// <summary>Three tiny stand-ins for JPEG keyframes (the fake checks the data URIs, not the pixels).</summary>
    public static IReadOnlyList<byte[]> Keyframes { get; } = [[0xFF, 0xD8, 0xFF, 0xE0, 1], [0xFF, 0xD8, 0xFF, 0xE0, 2], [0xFF, 0xD8, 0xFF, 0xE0, 3]];

    public static async Task<ChatRig> StartAsync(CancellationToken cancellationToken = default) =>
        new(await FakeChatServer.StartAsync(cancellationToken: cancellationToken), NewTime(realTime: false));

    public ChatDescriber Describer(Action<DescribeOptions>? configure = null) => new(Http(), Options(configure), Time);

    public static ShotDescriptionRequest Shot(int number, IReadOnlyList<byte[]>? keyframes = null) =>
        new(number, 4, 2.5, "pan", keyframes ?? Keyframes, []);

    protected override void Tune(DescribeOptions options) => options.Model = "fake-vision-1";
}