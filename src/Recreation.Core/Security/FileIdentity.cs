using System.Runtime.InteropServices;

namespace Recreation.Core.Security;

/// <summary>
/// Which file a path names, as the file system sees it: the device and inode (<c>statx</c> on
/// Linux), so two paths to one file — a symbolic link or a hard link — compare equal.
/// </summary>
/// <param name="Device">The device number (major &lt;&lt; 32 | minor).</param>
/// <param name="Inode">The inode number.</param>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxInode = 0x100;
    private const int StatxSize = 256;

    /// <summary>
    /// The identity of the file at <paramref name="path"/> (links followed), or null when it does not
    /// exist or the platform cannot tell (then callers compare resolved paths only).
    /// </summary>
    public static FileIdentity? Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        try
        {
            if (Statx(AtCurrentDirectory, path, 0, StatxInode, buffer) != 0)
            {
                return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without statx (older than glibc 2.28): fall back to comparing paths.
            return null;
        }

        // struct statx (linux/stat.h), the same layout on every architecture: stx_ino at 32,
        // stx_dev_major at 136, stx_dev_minor at 140.
        var inode = BitConverter.ToUInt64(buffer, 32);
        var major = BitConverter.ToUInt32(buffer, 136);
        var minor = BitConverter.ToUInt32(buffer, 140);
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

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}