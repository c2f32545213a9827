using Recreation.Media;

namespace Recreation.Testing;

/// <summary>
/// ffmpeg and ffprobe behind two tiny shell scripts in a temp folder that write one line per start
/// ("ffmpeg ARGS…") to a log, then run the real tool: point <see cref="Options"/> at them to count
/// and inspect every process a piece of code starts. Unix only (shell scripts).
/// </summary>
public sealed class CountedMediaTools : IDisposable
{
    private readonly TempDirectory _folder = new("counted-tools");
    private readonly string _log;

    public CountedMediaTools()
    {
        var real = MediaToolPaths.Locate(new MediaToolsOptions());
        _log = _folder.File("starts.log");
        foreach (var (name, path) in new[] { ("ffmpeg", real.Ffmpeg), ("ffprobe", real.Ffprobe) })
        {
            var script = _folder.File(name);
            File.WriteAllText(script, $"#!/bin/sh\nprintf '%s\\n' \"{name} $*\" >> '{_log}'\nexec '{path}' \"$@\"\n");
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("CountedMediaTools runs shell scripts: Linux and macOS only.");
            }

            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Options whose ffmpeg is the counting script (ffprobe is found beside it).</summary>
    public MediaToolsOptions Options => new() { FfmpegPath = _folder.File("ffmpeg") };

    /// <summary>Every start so far, in order: the tool's name, a space, its arguments.</summary>
    public IReadOnlyList<string> Starts => File.Exists(_log) ? File.ReadAllLines(_log) : [];

    /// <summary>Forgets the starts so far.</summary>
    public void Clear() => File.Delete(_log);

    public void Dispose() => _folder.Dispose();
}