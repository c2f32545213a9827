namespace Recreation.Core;

/// <summary>
/// The root of Recreation's own exceptions. <see cref="ExitCode"/> is what the command line returns
/// (2 invalid input, 1 a failed run, 3 refused by the budget); <see cref="IsFatal"/> tells parallel
/// work whether to stop everything (true) or to record the failure for one item and go on (false).
/// Messages say what failed, on which input and what to do; they never contain secrets.
/// </summary>
public class RecreationException : Exception
{
    public RecreationException(string message, int exitCode = ExitCodes.RunFailed, bool isFatal = false, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        IsFatal = isFatal;
    }

    public int ExitCode { get; }

    public bool IsFatal { get; }
}