namespace Recreation.Testing.FakeProviders;

/// <summary>A video model the fake OpenRouter knows, with what <c>GET /videos/models</c> says it takes.</summary>
public sealed record FakeOpenRouterModel(string Id, int[] Durations, string[] Resolutions, string[] AspectRatios, string[] FrameImages, decimal UsdPerSecond)
{
    /// <summary>The models the fake serves, from OpenRouter's docs where they say (veo-3.1-lite's excerpt; wan-2.6 at 5 s, 720p, 9:16, first frame) and guessed beyond.</summary>
    public static IReadOnlyList<FakeOpenRouterModel> Known { get; } =
    [
        new("google/veo-3.1-fast", [4, 6, 8], ["720p", "1080p"], ["16:9", "9:16"], ["first_frame", "last_frame"], 0.15m),
        new("google/veo-3.1-lite", [4, 6, 8], ["720p", "1080p"], ["16:9", "9:16"], ["first_frame", "last_frame"], 0.05m),
        new("alibaba/wan-2.6", [5, 10, 15], ["720p", "1080p"], ["16:9", "9:16", "1:1", "4:3", "3:4"], ["first_frame"], 0.04m),
        new("kwaivgi/kling-v3.0-std", [5, 10], ["720p", "1080p"], ["16:9", "9:16", "1:1"], ["first_frame", "last_frame"], 0.084m),
    ];
}