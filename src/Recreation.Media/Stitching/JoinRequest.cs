namespace Recreation.Media.Stitching;

/// <summary>
/// Intermediates already made by <see cref="Conforming.Conformer"/> with one spec (e.g. cached by
/// a pipeline as clips arrived), joined in order with the given transitions.
/// </summary>
public sealed record JoinRequest(
    IReadOnlyList<string> ConformedPaths,
    IReadOnlyList<Transition> Transitions,
    string OutputPath,
    string WorkDirectory)
{
    public double? LoudnessLufs { get; init; }
}