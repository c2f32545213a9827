namespace Recreation.Media.Files;

/// <summary>
/// A file could not be written because of where it goes, not because of what is in it: the folder
/// is read-only or not writable by this user, or the disk is full. The user fixes it (exit code 2,
/// like any other input they chose), nothing half-written is left, and retrying the next item
/// cannot help, so it is fatal to a batch. The message names the file, the reason and what to do.
/// </summary>
public sealed class OutputNotWritableException : MediaException
{
    // errno values as .NET reports them in IOException.HResult on Linux and macOS, and the Windows
    // HRESULTs for the same conditions.
    private const int NoSpaceErrno = 28;
    private const int ReadOnlyFileSystemErrno = 30;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    public OutputNotWritableException()
        : this("A file could not be written.")
    {
    }

    public OutputNotWritableException(string message)
        : this(message, innerException: null)
    {
    }

    public OutputNotWritableException(string message, Exception? innerException)
        : base(message, isFatal: true, innerException)
    {
    }

    /// <summary>Why the file could not be written.</summary>
    public OutputProblem Problem { get; private init; } = OutputProblem.Other;

    /// <summary>The exception for a failed local file operation on <paramref name="path"/>.</summary>
    public static OutputNotWritableException For(string path, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Create(path, ProblemOf(error), error.Message, error);
    }

    /// <summary>
    /// The exception for ffmpeg failing to write <paramref name="path"/>, recognised from its
    /// stderr (ffmpeg prints the C library's error text, in English: it never sets a locale);
    /// null when the stderr says nothing about the disk.
    /// </summary>
    public static OutputNotWritableException? FromToolError(string path, string standardError)
    {
        ArgumentNullException.ThrowIfNull(standardError);
        var problem = standardError.Contains("No space left on device", StringComparison.Ordinal) ? OutputProblem.DiskFull
            : standardError.Contains("Read-only file system", StringComparison.Ordinal) ? OutputProblem.ReadOnly
            : (OutputProblem?)null;
        return problem is { } found ? Create(path, found, "ffmpeg could not write it", null) : null;
    }

    /// <summary>The same failure, named after the file the user asked for rather than its temp name.</summary>
    public OutputNotWritableException WithPath(string path) =>
        Create(path, Problem, InnerException?.Message ?? "ffmpeg could not write it", InnerException);

    /// <summary>Whether a failed file operation is about the place (read-only, permissions, disk full) rather than, say, a lock held by another process.</summary>
    public static bool IsAboutThePlace(Exception error) => ProblemOf(error) != OutputProblem.Other;

    private static OutputProblem ProblemOf(Exception error) => error switch
    {
        UnauthorizedAccessException => OutputProblem.ReadOnly,
        IOException { HResult: ReadOnlyFileSystemErrno } => OutputProblem.ReadOnly,
        IOException { HResult: NoSpaceErrno or WindowsDiskFull or WindowsHandleDiskFull } => OutputProblem.DiskFull,
        _ => OutputProblem.Other,
    };

    private static OutputNotWritableException Create(string path, OutputProblem problem, string detail, Exception? inner)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? full;
        var message = problem switch
        {
            OutputProblem.DiskFull =>
                $"Cannot write '{full}': the disk holding '{folder}' is full. Free some space there, or choose an output in another folder, then run the same command again.",
            OutputProblem.ReadOnly =>
                $"Cannot write '{full}': '{folder}' is read-only or not writable by this user ({detail}). Make it writable, or choose an output in another folder, then run the same command again.",
            _ =>
                $"Cannot write '{full}': {detail}. Check that '{folder}' is writable and has free space, then run the same command again.",
        };
        return new OutputNotWritableException(message, inner) { Problem = problem, FilePath = full };
    }
}