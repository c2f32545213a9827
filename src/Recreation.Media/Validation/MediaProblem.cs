namespace Recreation.Media.Validation;

/// <summary>One thing wrong with a file, in a sentence that names it (by its label when given) and says what to do.</summary>
public sealed record MediaProblem(MediaProblemKind Kind, string Message)
{
    public override string ToString() => Message;
}