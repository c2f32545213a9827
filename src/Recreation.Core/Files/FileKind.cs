namespace Recreation.Core.Files;

/// <summary>What a path names on disk, as <c>stat</c> tells it.</summary>
public enum FileKind
{
    /// <summary>Nothing at that path (or a link to nothing).</summary>
    Missing,

    Regular,
    Directory,

    /// <summary>A named pipe: opening it for reading waits for a writer.</summary>
    Fifo,

    /// <summary>A character device such as <c>/dev/zero</c> or a terminal: reads may never end.</summary>
    CharacterDevice,
    BlockDevice,
    Socket,

    /// <summary>A symbolic link (only when links are not followed).</summary>
    SymbolicLink,

    /// <summary>The kind could not be asked (not Linux): treated as a regular file, reads stay bounded.</summary>
    Unknown,
}