using Recreation.Core.Files;

namespace Recreation.Core.Security;

/// <summary>
/// Which file a path names, as the file system sees it: the device and inode (<c>statx</c> on
/// Linux), so two paths to one file — a symbolic link or a hard link — compare equal.
/// </summary>
/// <param name="Device">The device number (major &lt;&lt; 32 | minor).</param>
/// <param name="Inode">The inode number.</param>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    /// <summary>
    /// The identity of the file at <paramref name="path"/> (links followed), or null when it does not
    /// exist or the platform cannot tell (then callers compare resolved paths only).
    /// </summary>
    public static FileIdentity? Of(string path)
    {
        if (LinuxStat.Query(path, LinuxStat.InodeMask) is not { } buffer)
        {
            return null;
        }

        var inode = BitConverter.ToUInt64(buffer, LinuxStat.InodeOffset);
        var major = BitConverter.ToUInt32(buffer, LinuxStat.DeviceMajorOffset);
        var minor = BitConverter.ToUInt32(buffer, LinuxStat.DeviceMajorOffset + 4);
        return new FileIdentity(((ulong)major << 32) | minor, inode);
    }

    /// <summary>
    /// Whether <paramref name="a"/> and <paramref name="b"/> are the same file: the same path once
    /// every link is resolved, or (both existing) the same device and inode — a hard link counts.
    /// </summary>
    public static bool Same(string a, string b)
    {
        if (string.Equals(RealPaths.Resolve(a), RealPaths.Resolve(b), StringComparison.Ordinal))
        {
            return true;
        }

        return Of(a) is { } first && Of(b) is { } second && first == second;
    }
}