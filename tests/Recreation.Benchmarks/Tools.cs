using System.Globalization;
using System.Text.Json;

namespace Recreation.Benchmarks;

/// <summary>The programs the benchmarks run: ffmpeg and ffprobe from PATH, and <c>dotnet recreate.dll</c>.</summary>
internal sealed class Tools
{
    private Tools(string dotnet, string recreateDll)
    {
        Dotnet = dotnet;
        RecreateDll = recreateDll;
    }

    public const string FFmpeg = "ffmpeg";

    public const string FFprobe = "ffprobe";

    public string Dotnet { get; }

    public string RecreateDll { get; }

    /// <summary>
    /// Finds recreate.dll: the <c>--recreate</c> path when given; else the Release output of
    /// src/Recreation.Cli found by walking up from this program to the repository root (building
    /// this project in Release builds it too); else the copy the project reference put beside
    /// this program.
    /// </summary>
    public static Tools Locate(string? recreateOverride)
    {
        var dotnet = FindOnPath("dotnet") ?? throw new BenchmarkException("`dotnet` is not on PATH; it runs recreate.dll as a child process.");
        if (FindOnPath(FFmpeg) is null || FindOnPath(FFprobe) is null)
        {
            throw new BenchmarkException("ffmpeg and ffprobe must be on PATH.");
        }

        if (recreateOverride is not null)
        {
            var full = Path.GetFullPath(recreateOverride);
            return File.Exists(full) ? new Tools(dotnet, full) : throw new BenchmarkException($"--recreate: '{full}' does not exist.");
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Recreation.sln")))
            {
                var release = Path.Combine(folder.FullName, "src", "Recreation.Cli", "bin", "Release", "net10.0", "recreate.dll");
                if (File.Exists(release))
                {
                    return new Tools(dotnet, release);
                }

                break;
            }
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "recreate.dll");
        return File.Exists(beside)
            ? new Tools(dotnet, beside)
            : throw new BenchmarkException("recreate.dll not found: build with `dotnet build -c Release tests/Recreation.Benchmarks` (it builds src/Recreation.Cli too), or pass --recreate PATH.");
    }

    /// <summary>Runs <c>dotnet recreate.dll ARGS</c>.</summary>
    public Task<ChildResult> RecreateAsync(IReadOnlyList<string> arguments, bool sampleMemory = false)
    {
        return ChildProcess.RunAsync(Dotnet, [RecreateDll, .. arguments], sampleMemory);
    }

    /// <summary>Runs ffmpeg with <c>-hide_banner -nostdin -y</c> in front; throws when it fails.</summary>
    public static async Task<ChildResult> FFmpegAsync(IReadOnlyList<string> arguments)
    {
        var result = await ChildProcess.RunAsync(FFmpeg, ["-hide_banner", "-nostdin", "-y", .. arguments]).ConfigureAwait(false);
        return result.Succeeded ? result : throw new BenchmarkException("A baseline ffmpeg run failed: " + result.Describe());
    }

    /// <summary>Durations and frame count of a finished file.</summary>
    public static async Task<ProbeSummary> ProbeAsync(string path)
    {
        var result = await ChildProcess.RunAsync(FFprobe,
            ["-v", "error", "-count_packets", "-show_entries", "format=duration:stream=codec_type,codec_name,width,height,duration,nb_read_packets,sample_rate,channels", "-of", "json", path]).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new BenchmarkException($"ffprobe could not read '{path}': " + result.Describe());
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        var format = Seconds(root.GetProperty("format"), "duration");
        double? video = null, audio = null;
        long? frames = null;
        string? size = null;
        foreach (var stream in root.GetProperty("streams").EnumerateArray())
        {
            var type = stream.TryGetProperty("codec_type", out var t) ? t.GetString() : null;
            if (type == "video" && video is null)
            {
                video = Seconds(stream, "duration");
                frames = stream.TryGetProperty("nb_read_packets", out var n) && long.TryParse(n.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : null;
                size = string.Create(CultureInfo.InvariantCulture, $"{stream.GetProperty("width").GetInt32()}x{stream.GetProperty("height").GetInt32()}");
            }
            else if (type == "audio" && audio is null)
            {
                audio = Seconds(stream, "duration");
            }
        }

        return new ProbeSummary(format, video, audio, frames, size);
    }

    private static double? Seconds(JsonElement element, string name)
    {
        return element.TryGetProperty(name, out var value) && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
    }

    private static string? FindOnPath(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }
}

/// <summary>What ffprobe says about an output: container, video and audio durations, video packets, size.</summary>
internal sealed record ProbeSummary(double? Duration, double? VideoDuration, double? AudioDuration, long? VideoFrames, string? Size)
{
    public override string ToString()
    {
        return string.Create(CultureInfo.InvariantCulture,
            $"{Size}, video {VideoDuration:0.000} s ({VideoFrames} frames), audio {AudioDuration:0.000} s");
    }
}

/// <summary>A benchmark that cannot go on: bad options, a missing tool, a failed baseline.</summary>
internal sealed class BenchmarkException(string message) : Exception(message);