using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;

using Recreation.Media;
using Recreation.Media.Processes;
using Recreation.Testing;

namespace Recreation.Cli.Tests.Hostile;

/// <summary>
/// The generators a case's <c>make:</c> lines call, for inputs that are not plain text: binary,
/// huge, or special files. Each takes paths relative to the case folder. Add one here (a line in
/// <see cref="Makers"/> and a method) when a case needs a new kind of input, and list it in the README.
/// </summary>
public static class HostileMakers
{
    private static readonly Dictionary<string, Func<string, string[], Task>> Makers = new(StringComparer.Ordinal)
    {
        ["deep-yaml"] = DeepYamlAsync,
        ["padded-yaml"] = PaddedYamlAsync,
        ["sparse"] = SparseAsync,
        ["fifo"] = FifoAsync,
        ["image"] = ImageAsync,
        ["symlink"] = SymlinkAsync,
        ["video"] = VideoAsync,
        ["zip"] = ZipAsync,
        ["zip-zeros"] = ZipZerosAsync,
    };

    private static readonly ConcurrentDictionary<long, Lazy<string>> ZeroZips = new();

    /// <summary>Where generated zips of zeros are kept for the whole test run (a 2 GiB entry takes seconds to deflate).</summary>
    public static string CacheFolder { get; } = Path.Combine(Path.GetTempPath(), $"recreation-hostile-cache-{Environment.ProcessId}");

    public static IReadOnlyCollection<string> Names => Makers.Keys;

    public static Task MakeAsync(string caseFolder, string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !Makers.TryGetValue(words[0], out var maker))
        {
            throw new InvalidOperationException($"unknown maker '{line}'; known: {string.Join(", ", Makers.Keys)}");
        }

        return maker(caseFolder, words[1..]);
    }

    /// <summary>Parses a size: <c>123</c>, <c>10KiB</c>, <c>5MiB</c>, <c>2GiB</c>.</summary>
    public static long Size(string text)
    {
        foreach (var (suffix, factor) in new[] { ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30) })
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return long.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor;
            }
        }

        return long.Parse(text, CultureInfo.InvariantCulture);
    }

    private static string Target(string caseFolder, string relative)
    {
        var path = Path.Combine(caseFolder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary><c>deep-yaml PATH DEPTH</c>: a scene whose <c>scenes:</c> is DEPTH flow lists nested in each other.</summary>
    private static Task DeepYamlAsync(string caseFolder, string[] args)
    {
        var depth = int.Parse(args[1], CultureInfo.InvariantCulture);
        var text = "version: 1\ntitle: Deep\nscenes: " + new string('[', depth) + new string(']', depth) + "\n";
        return File.WriteAllTextAsync(Target(caseFolder, args[0]), text);
    }

    /// <summary><c>padded-yaml PATH SIZE</c>: a valid scene followed by comment lines up to SIZE bytes.</summary>
    private static async Task PaddedYamlAsync(string caseFolder, string[] args)
    {
        var size = Size(args[1]);
        var text = new StringBuilder("version: 1\ntitle: Padded\nscenes:\n  - { id: a, duration: 2, description: A door. }\n");
        var line = "# " + new string('x', 77) + "\n";
        while (text.Length + line.Length <= size)
        {
            text.Append(line);
        }

        await File.WriteAllTextAsync(Target(caseFolder, args[0]), text.ToString());
    }

    /// <summary><c>sparse PATH SIZE</c>: a regular file of SIZE zero bytes that takes no disk space.</summary>
    private static Task SparseAsync(string caseFolder, string[] args)
    {
        using var file = new FileStream(Target(caseFolder, args[0]), FileMode.CreateNew);
        file.SetLength(Size(args[1]));
        return Task.CompletedTask;
    }

    /// <summary><c>fifo PATH</c>: a named pipe no one writes to (opening it for reading blocks).</summary>
    private static async Task FifoAsync(string caseFolder, string[] args)
    {
        using var mkfifo = Process.Start("mkfifo", [Target(caseFolder, args[0])]);
        await mkfifo.WaitForExitAsync();
        Assert.That(mkfifo.ExitCode, Is.Zero, "mkfifo failed");
    }

    /// <summary><c>symlink PATH TARGET</c>: a symbolic link (to a folder when TARGET is one); TARGET is taken as written.</summary>
    private static Task SymlinkAsync(string caseFolder, string[] args)
    {
        var link = Target(caseFolder, args[0]);
        var resolved = Path.Combine(Path.GetDirectoryName(link)!, args[1]);
        if (Directory.Exists(resolved))
        {
            Directory.CreateSymbolicLink(link, args[1]);
        }
        else
        {
            File.CreateSymbolicLink(link, args[1]);
        }

        return Task.CompletedTask;
    }

    /// <summary><c>image PATH [COLOUR]</c>: a real 64x36 still image of one colour (red unless told), its format from PATH's extension; PATH is taken literally, '%' included.</summary>
    private static async Task ImageAsync(string caseFolder, string[] args)
    {
        var path = Target(caseFolder, args[0]);
        var colour = args.Length > 1 ? args[1] : "red";
        var arguments = new ArgumentsBuilder()
            .Add("-f", "lavfi").Add("-i", $"color=c={colour}:s=64x36:d=0.04")
            .Add("-frames:v", 1).Add("-update", "1") // -update 1: the image2 muxer writes to the name as given
            .Output(path).Build();
        await new FFmpegRunner().RunAsync(MediaCommand.FFmpeg(arguments, $"making the image {path}") with { OutputPath = path });
    }

    /// <summary><c>video PATH [SECONDS]</c>: a real 320x180 clip with sound, 1 s unless told.</summary>
    private static Task VideoAsync(string caseFolder, string[] args)
    {
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        return SyntheticMedia.CreateAsync(Target(caseFolder, args[0]), new SyntheticMediaOptions { Duration = TimeSpan.FromSeconds(seconds) });
    }

    /// <summary>
    /// <c>zip ZIP ENTRY…</c>, each ENTRY one of <c>NAME=FILE</c> (a case file's bytes), <c>NAME-&gt;TARGET</c>
    /// (a Unix symlink entry) or <c>NAME/</c> (a folder entry). Names are written as given: <c>../x</c>,
    /// duplicates and absolute names included.
    /// </summary>
    private static async Task ZipAsync(string caseFolder, string[] args)
    {
        using var zip = new ZipArchive(File.Create(Target(caseFolder, args[0])), ZipArchiveMode.Create);
        foreach (var spec in args[1..])
        {
            if (spec.Split("->", 2) is [var linkName, var linkTarget])
            {
                var entry = zip.CreateEntry(linkName);
                entry.ExternalAttributes = (0xA000 | 0x1FF) << 16;
                await using var stream = entry.Open();
                await stream.WriteAsync(Encoding.UTF8.GetBytes(linkTarget));
            }
            else if (spec.EndsWith('/'))
            {
                zip.CreateEntry(spec);
            }
            else
            {
                var (name, file) = spec.Split('=', 2) is [var n, var f] ? (n, f) : (spec, spec);
                var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
                await using var stream = entry.Open();
                await using var source = File.OpenRead(Path.Combine(caseFolder, file));
                await source.CopyToAsync(stream);
            }
        }
    }

    /// <summary><c>zip-zeros ZIP SIZE</c>: a zip whose one entry, <c>a.mp4</c>, is SIZE zero bytes (2 GiB deflate to about 2 MB).</summary>
    private static Task ZipZerosAsync(string caseFolder, string[] args)
    {
        var size = Size(args[1]);
        var cached = ZeroZips.GetOrAdd(size, s => new Lazy<string>(() => WriteZeroZip(s), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        File.Copy(cached, Target(caseFolder, args[0]));
        return Task.CompletedTask;
    }

    private static string WriteZeroZip(long size)
    {
        Directory.CreateDirectory(CacheFolder);
        var path = Path.Combine(CacheFolder, $"zeros-{size}.zip");
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        using var stream = zip.CreateEntry("a.mp4", CompressionLevel.SmallestSize).Open();
        var zeros = new byte[1 << 20];
        for (var written = 0L; written < size; written += zeros.Length)
        {
            stream.Write(zeros, 0, (int)Math.Min(zeros.Length, size - written));
        }

        return path;
    }
}