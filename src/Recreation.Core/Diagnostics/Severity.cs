namespace Recreation.Core.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}