namespace Recreation.Generation.Runway;

/// <summary>One Runway model's limits: ratios with and without an input image (empty = that endpoint is not offered) and allowed durations.</summary>
public sealed record RunwayModelRules(
    string Model,
    bool RequiresImage,
    bool TakesLastFrame,
    IReadOnlyList<string> ImageRatios,
    IReadOnlyList<string> TextRatios,
    IReadOnlyList<int> Durations);