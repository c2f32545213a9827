namespace Recreation.Core.Diagnostics;

/// <summary>
/// Thrown when an input file fails validation. Carries every problem found, not just the first,
/// so a user can fix them all in one go. Exit code 2.
/// </summary>
public sealed class InvalidInputException : RecreationException
{
    public InvalidInputException(IReadOnlyList<Diagnostic> diagnostics)
        : base(Describe(diagnostics), ExitCodes.InvalidInput, isFatal: true)
    {
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == Severity.Error);

    private static string Describe(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
        var lines = errors.Select(e => e.ToString());
        var count = errors.Count == 1 ? "1 error" : $"{errors.Count} errors";
        return $"{count}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}