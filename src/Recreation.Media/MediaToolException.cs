namespace Recreation.Media;

/// <summary>
/// ffmpeg or ffprobe failed: a non-zero exit code, or a run aborted because it ran away.
/// The message names the command line (quoted for display), the exit code and the last lines
/// of stderr; the same facts are available as properties.
/// </summary>
public sealed class MediaToolException : MediaException
{
    public MediaToolException()
        : this("ffmpeg failed.")
    {
    }

    public MediaToolException(string message)
        : this(message, string.Empty, -1, string.Empty)
    {
    }

    public MediaToolException(string message, Exception innerException)
        : base(message, isFatal: false, innerException)
    {
        CommandLine = string.Empty;
        ExitCode = -1;
        StandardErrorTail = string.Empty;
    }

    public MediaToolException(string message, string commandLine, int exitCode, string standardErrorTail, bool isFatal = false)
        : base(message, isFatal)
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        StandardErrorTail = standardErrorTail;
    }

    /// <summary>The command line as one could paste it into a POSIX shell.</summary>
    public string CommandLine { get; }

    /// <summary>The exit code, or -1 when the process was stopped by us.</summary>
    public int ExitCode { get; }

    public string StandardErrorTail { get; }
}