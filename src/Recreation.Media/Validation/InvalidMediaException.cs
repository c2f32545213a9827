namespace Recreation.Media.Validation;

/// <summary>Thrown when input files fail validation before any work starts; <see cref="Report"/> names each file and its problems.</summary>
public sealed class InvalidMediaException : MediaException
{
    public InvalidMediaException(string message, MediaValidationReport report)
        : base(message)
    {
        Report = report;
    }

    public MediaValidationReport Report { get; }
}