namespace Recreation.Media.Files;

/// <summary>Why a file could not be written (see <see cref="OutputNotWritableException"/>).</summary>
public enum OutputProblem
{
    /// <summary>Some other local file error; the message carries the system's words.</summary>
    Other,

    /// <summary>The folder is read-only (a read-only mount) or not writable by this user.</summary>
    ReadOnly,

    /// <summary>No space left on the disk.</summary>
    DiskFull,
}