using System.Diagnostics;

namespace Recreation.Testing;

/// <summary>
/// A tiny tmpfs mounted over a fresh folder, for tests of a read-only output folder or a full disk
/// that must really fail as root (CI runs as root, and root ignores permission bits, so chmod
/// cannot make a folder read-only for it; a read-only mount or a full filesystem stops root too).
/// Needs root and the mount(8) command: <see cref="TryCreate"/> returns null with the reason
/// otherwise, and the caller skips (<c>Assume</c>). Unmounted (lazily) and deleted on dispose.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private const int SizeKilobytes = 64;

    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>The full path of a file or folder inside the mount (not created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Mounts a read-only (empty) or a full (one filler file, zero bytes left) tmpfs; null and why when this machine cannot.</summary>
    public static TmpfsMount? TryCreate(TmpfsKind kind, out string whyNot)
    {
        whyNot = "";
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            whyNot = "mounting a tmpfs needs root on Linux (CI runs as root)";
            return null;
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"recreation-tmpfs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        var options = kind == TmpfsKind.ReadOnly ? $"ro,size={SizeKilobytes}k" : $"size={SizeKilobytes}k";
        var (code, error) = Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", path);
        if (code != 0)
        {
            Directory.Delete(path);
            whyNot = $"mount -t tmpfs failed ({error.Trim()})";
            return null;
        }

        var mount = new TmpfsMount(path);
        if (kind == TmpfsKind.Full)
        {
            mount.Fill();
        }

        return mount;
    }

    /// <summary>Every file now under the mount, as relative names.</summary>
    public IReadOnlyList<string> ListFiles() =>
        Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Path, f))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The bytes still free on the mount.</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Still busy: the OS temp cleaner gets it later.
        }
    }

    /// <summary>Writes one filler file until the disk says no space is left (bounded by the mount's size).</summary>
    private void Fill()
    {
        var chunk = new byte[4096];
        using var filler = new FileStream(File("filler"), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        for (var written = 0; written <= SizeKilobytes * 1024; written += chunk.Length)
        {
            try
            {
                filler.Write(chunk);
            }
            catch (IOException)
            {
                return; // full
            }
        }

        throw new InvalidOperationException($"The {SizeKilobytes} KB tmpfs at {Path} took more than its size without filling up.");
    }

    private static (int Code, string Error) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill();
                return (-1, $"{tool} did not finish within 20 s");
            }

            return (process.ExitCode, error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}