namespace Recreation.Testing.FakeVideosApi;

/// <summary>A model the fake server accepts: its allowed <c>seconds</c> values and sizes (as the API spells them).</summary>
public sealed record FakeVideoModel(string Name, IReadOnlyList<string> Seconds, IReadOnlyList<string> Sizes)
{
    /// <summary>sora-2 as documented: 4/8/12 s at 1280x720 or 720x1280.</summary>
    public static FakeVideoModel Sora2 { get; } = new("sora-2", ["4", "8", "12"], ["720x1280", "1280x720"]);

    /// <summary>sora-2-pro as documented, with the 2026 additions (1080p).</summary>
    public static FakeVideoModel Sora2Pro { get; } = new(
        "sora-2-pro", ["4", "8", "12"], ["720x1280", "1280x720", "1024x1792", "1792x1024", "1920x1080", "1080x1920"]);

    /// <summary>A model no real service has: tiny clips that render in a fraction of a second, for tests and dry runs.</summary>
    public static FakeVideoModel TestTiny { get; } = new("test-tiny", ["1", "2", "4"], ["320x180", "180x320"]);

    /// <summary>The catalog a server starts with.</summary>
    public static IReadOnlyList<FakeVideoModel> Defaults { get; } = [Sora2, Sora2Pro, TestTiny];
}