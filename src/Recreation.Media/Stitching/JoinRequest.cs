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

    /// <summary>Music, burned-in captions and chapters (fades are the conformed clips' own, see <see cref="Conforming.ConformSpec.FadeIn"/>).</summary>
    public Finishing Finishing { get; init; } = Finishing.None;
}