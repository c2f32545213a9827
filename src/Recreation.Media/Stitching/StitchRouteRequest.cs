using Recreation.Media.Probing;

namespace Recreation.Media.Stitching;

/// <summary>
/// What <see cref="StitchRoutePlanner"/> decides a stitch's route on: the probed inputs in order,
/// the caller's clips (trims, labels), the transition into each clip after the first, the
/// output's settings and the clips' names for messages. <see cref="ClipsConformed"/> says the
/// inputs are intermediates a caller conformed to <see cref="Settings"/> (e.g. a pipeline's cache).
/// </summary>
internal sealed record StitchRouteRequest(
    IReadOnlyList<MediaInfo> Infos,
    IReadOnlyList<StitchClip> Clips,
    IReadOnlyList<Transition> Transitions,
    StitchSettings Settings,
    Func<int, string> Name)
{
    /// <summary>Re-encode only the windows around transitions when the clips allow it (<see cref="StitchRequest.Windowed"/>).</summary>
    public bool Windowed { get; init; } = true;

    /// <summary>Conform and join in one ffmpeg run when the clips allow it (<see cref="StitchRequest.OnePass"/>).</summary>
    public bool OnePass { get; init; } = true;

    /// <summary>The inputs already are intermediates of <see cref="Settings"/>: they are joined, never copied as sources nor conformed again.</summary>
    public bool ClipsConformed { get; init; }
}