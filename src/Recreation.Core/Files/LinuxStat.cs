using System.Runtime.InteropServices;

namespace Recreation.Core.Files;

/// <summary>
/// The one call into <c>statx(2)</c> (glibc 2.28+, Linux 4.11+): .NET has no public API for a
/// file's type or inode. <c>struct statx</c> has the same layout on every architecture.
/// </summary>
internal static class LinuxStat
{
    /// <summary><c>stx_mode</c> (type and permissions).</summary>
    public const uint TypeMask = 0x1;

    /// <summary><c>stx_ino</c>.</summary>
    public const uint InodeMask = 0x100;

    /// <summary>Offset of <c>stx_mode</c> (u16).</summary>
    public const int ModeOffset = 28;

    /// <summary>Offset of <c>stx_ino</c> (u64).</summary>
    public const int InodeOffset = 32;

    /// <summary>Offset of <c>stx_dev_major</c> (u32); <c>stx_dev_minor</c> follows at +4.</summary>
    public const int DeviceMajorOffset = 136;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int BufferSize = 256;

    /// <summary>
    /// The <c>struct statx</c> of <paramref name="path"/> with the fields in <paramref name="mask"/>,
    /// or null when the path does not exist, this is not Linux, or the C library has no statx.
    /// </summary>
    public static byte[]? Query(string path, uint mask, bool followLinks = true)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[BufferSize];
        try
        {
            return Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, mask, buffer) == 0 ? buffer : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Whether statx can be asked here at all (Linux with a C library that has it).</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && Query("/", TypeMask) is not null;

    // DllImport, not LibraryImport: the generated marshalling would need unsafe code in Core.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
#pragma warning restore SYSLIB1054
}