using Recreation.Media;

namespace Recreation.Testing;

/// <summary>
/// ffprobe behind a script that logs when each decode check (<c>-count_frames</c>) starts and
/// ends, so the most running at once can be counted.
/// </summary>
public sealed class TimedProbes : IDisposable
{
    private readonly TempDirectory _folder = new("timed-probes");

    public TimedProbes()
    {
        var real = MediaToolPaths.Locate(new MediaToolsOptions());
        var log = _folder.File("checks.log");
        var script = _folder.File("ffprobe");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            case "$*" in *-count_frames*) echo "start $(date +%s%N)" >> '{{log}}' ;; esac
            '{{real.Ffprobe}}' "$@"; rc=$?
            case "$*" in *-count_frames*) echo "end $(date +%s%N)" >> '{{log}}' ;; esac
            exit $rc
            """);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("TimedProbes runs a shell script: Linux and macOS only.");
        }

        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Options = new MediaToolsOptions { FfmpegPath = real.Ffmpeg, FfprobePath = script };
    }

    public MediaToolsOptions Options { get; }

    private IReadOnlyList<(bool Start, long At)> Events => File.Exists(_folder.File("checks.log"))
        ? File.ReadAllLines(_folder.File("checks.log")).Select(l => l.Split(' ')).Select(p => (p[0] == "start", long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList()
        : [];

    public int Checks => Events.Count(e => e.Start);

    /// <summary>The most checks between their start and end at any moment (an end before a start at the same instant).</summary>
    public int MostAtOnce => Events.OrderBy(e => e.At).ThenBy(e => e.Start).Aggregate((Now: 0, Most: 0), (acc, e) => e.Start ? (acc.Now + 1, Math.Max(acc.Most, acc.Now + 1)) : (acc.Now - 1, acc.Most)).Most;

    public void Dispose() => _folder.Dispose();
}