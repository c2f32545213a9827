namespace Recreation.Media;

/// <summary>
/// The root of every error the media layer throws. The message says what failed, on which file
/// and what to do. <see cref="IsFatal"/> is true when retrying or skipping the item cannot help
/// (e.g. ffmpeg is not installed), so a batch should stop instead of moving on to the next item.
/// </summary>
public class MediaException : Exception
{
    public MediaException()
        : this("A media operation failed.")
    {
    }

    public MediaException(string message)
        : this(message, isFatal: false)
    {
    }

    public MediaException(string message, Exception innerException)
        : this(message, isFatal: false, innerException)
    {
    }

    public MediaException(string message, bool isFatal, Exception? innerException = null)
        : base(message, innerException)
    {
        IsFatal = isFatal;
    }

    public bool IsFatal { get; }

    /// <summary>The file the error is about, when there is one.</summary>
    public string? FilePath { get; init; }
}