using Recreation.Media.Probing;

namespace Recreation.Media.Validation;

/// <summary>The outcome for one file: its probe (when it could be probed) and every problem found.</summary>
public sealed record MediaValidationResult(string Path, string? Label, MediaInfo? Info, IReadOnlyList<MediaProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    public bool Has(MediaProblemKind kind) => Problems.Any(p => p.Kind == kind);

    public override string ToString()
    {
        return IsValid ? $"{MediaValidator.Subject(Path, Label)} is valid." : string.Join('\n', Problems);
    }
}