using Recreation.Media.Probing;

namespace Recreation.Media.Stitching;

/// <summary>
/// What every executor of one stitch shares, fixed before any of them runs: the probed inputs in
/// order, the transition into each after the first, the finished file, the inputs' names for
/// messages, the stitch's private work folder and where progress goes.
/// </summary>
internal sealed record StitchJob(
    IReadOnlyList<MediaInfo> Infos,
    IReadOnlyList<Transition> Transitions,
    OutputTarget Output,
    Func<int, string> Name,
    WorkFolder Work,
    IProgress<StitchProgress>? Progress);