namespace Recreation.Generation.OpenRouter;

/// <summary>One video model as <c>GET /videos/models</c> lists it: its slug and what it takes (empty lists when OpenRouter says null).</summary>
public sealed record OpenRouterModel(string Id, IReadOnlyList<int> Durations, IReadOnlyList<string> Resolutions, IReadOnlyList<string> AspectRatios, IReadOnlyList<string> FrameImages);