namespace Recreation.Testing.FakeProviders;

/// <summary>A Runway video model as the fake checks it: ratios per endpoint (empty = not offered), durations, whether an image is required and whether it takes a last frame.</summary>
internal sealed record FakeRunwayModel(string Name, string[] ImageRatios, string[] TextRatios, int[] Durations, int DefaultDuration, bool RequiresImage, bool TakesLastFrame)
{
    private static readonly string[] Gen4 = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"];
    private static readonly string[] Veo = ["1280:720", "720:1280", "1080:1920", "1920:1080"];

    public static IReadOnlyList<FakeRunwayModel> All { get; } =
    [
        new("gen4_turbo", Gen4, [], [2, 3, 4, 5, 6, 7, 8, 9, 10], 10, RequiresImage: true, TakesLastFrame: false),
        new("gen4.5", Gen4, ["1280:720", "720:1280"], [2, 3, 4, 5, 6, 7, 8, 9, 10], 5, RequiresImage: false, TakesLastFrame: false),
        new("veo3.1", Veo, Veo, [4, 6, 8], 8, RequiresImage: false, TakesLastFrame: true),
        new("veo3.1_fast", Veo, Veo, [4, 6, 8], 8, RequiresImage: false, TakesLastFrame: true),
        new("veo3", Veo, Veo, [8], 8, RequiresImage: false, TakesLastFrame: false),
    ];
}