namespace Recreation.Media.Validation;

/// <summary>The outcome for several files, in the order they were given.</summary>
public sealed record MediaValidationReport(IReadOnlyList<MediaValidationResult> Files)
{
    public bool IsValid => Files.All(f => f.IsValid);

    public IEnumerable<MediaValidationResult> Invalid => Files.Where(f => !f.IsValid);

    public IEnumerable<MediaProblem> Problems => Files.SelectMany(f => f.Problems);

    public override string ToString()
    {
        var invalid = Invalid.ToList();
        return invalid.Count == 0
            ? $"All {Files.Count} files are valid."
            : $"{invalid.Count} of {Files.Count} files have problems:\n- " + string.Join("\n- ", invalid.SelectMany(f => f.Problems));
    }
}