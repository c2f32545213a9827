using System.Globalization;
using System.Text.RegularExpressions;

using Recreation.Media;
using Recreation.Media.Processes;

namespace Recreation.Testing;

/// <summary>Measurements tests make on media: a frame's pixels, an audio track's level, exact frame counts.</summary>
public static partial class MediaInspection
{
    private static readonly FFmpegRunner Runner = new();

    /// <summary>Decodes the frame shown at <paramref name="at"/> as RGB24 (in its display size, rotation applied).</summary>
    public static async Task<RgbFrame> ReadFrameAsync(string path, int width, int height, TimeSpan at, CancellationToken cancellationToken = default)
    {
        var arguments = new ArgumentsBuilder()
            .Add("-ss", at).Input(path)
            .Add("-frames:v", 1)
            .Add("-vf", string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}:flags=neighbor"))
            .Add("-pix_fmt", "rgb24").Add("-f", "rawvideo").Add("-")
            .Build();
        var result = await Runner.RunAsync(MediaCommand.FFmpeg(arguments, $"reading a frame of '{path}'") with { CaptureBinaryOutput = true }, cancellationToken).ConfigureAwait(false);
        if (result.BinaryOutput.Length != width * height * 3)
        {
            throw new InvalidOperationException($"Expected {width * height * 3} bytes of RGB from '{path}' at {at}, got {result.BinaryOutput.Length}.");
        }

        return new RgbFrame(width, height, result.BinaryOutput);
    }

    /// <summary>volumedetect's mean_volume in dB over all samples of all channels of the first audio stream.</summary>
    public static Task<double> MeanVolumeDbAsync(string path, CancellationToken cancellationToken = default)
    {
        return MeanVolumeDbAsync(path, TimeSpan.Zero, duration: null, cancellationToken);
    }

    /// <summary>volumedetect's mean_volume over a window of the first audio stream.</summary>
    public static Task<double> MeanVolumeDbAsync(string path, TimeSpan start, TimeSpan? duration, CancellationToken cancellationToken = default)
    {
        return MeanVolumeDbAsync(path, start, duration, filter: null, cancellationToken);
    }

    /// <summary>volumedetect's mean_volume over a window, after <paramref name="filter"/> (e.g. "bandpass=f=2500:width_type=q:w=8" to hear one tone of a mix).</summary>
    public static async Task<double> MeanVolumeDbAsync(string path, TimeSpan start, TimeSpan? duration, string? filter, CancellationToken cancellationToken = default)
    {
        var arguments = new ArgumentsBuilder().Add("-ss", start).Input(path);
        if (duration is { } length)
        {
            arguments.Add("-t", length);
        }

        arguments.Add("-map", "0:a:0").Add("-af", filter is null ? "volumedetect" : filter + ",volumedetect").Add("-f", "null").Add("-");
        var result = await Runner.RunAsync(MediaCommand.FFmpeg(arguments.Build(), $"measuring the volume of '{path}'") with { LogLevel = "info" }, cancellationToken).ConfigureAwait(false);
        var match = MeanVolume().Match(result.StandardError);
        return match.Success
            ? double.Parse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture)
            : double.NegativeInfinity; // volumedetect prints nothing (or -inf) for pure silence
    }

    /// <summary>Counts the video frames by decoding them (not trusting the header).</summary>
    public static async Task<long> CountFramesAsync(string path, CancellationToken cancellationToken = default)
    {
        var arguments = new ArgumentsBuilder()
            .Add("-count_frames").Add("-select_streams", "v:0")
            .Add("-show_entries", "stream=nb_read_frames").Add("-of", "default=nokey=1:noprint_wrappers=1")
            .Input(path)
            .Build();
        var result = await Runner.RunAsync(MediaCommand.FFprobe(arguments, $"counting the frames of '{path}'"), cancellationToken).ConfigureAwait(false);
        return long.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The MD5 of every decoded video frame (ffmpeg's framemd5 muxer), one line per frame, header lines left out.</summary>
    public static async Task<IReadOnlyList<string>> VideoFrameHashesAsync(string path, CancellationToken cancellationToken = default)
    {
        var arguments = new ArgumentsBuilder().Add("-v", "error").Input(path).Add("-map", "0:v:0").Add("-f", "framemd5").Add("-").Build();
        var result = await Runner.RunAsync(MediaCommand.FFmpeg(arguments, $"hashing the frames of '{path}'") with { CaptureBinaryOutput = true }, cancellationToken).ConfigureAwait(false);
        return System.Text.Encoding.UTF8.GetString(result.BinaryOutput.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith('#')).ToList();
    }

    /// <summary>The chapters ffprobe reads from a file: title, start and end.</summary>
    public static async Task<IReadOnlyList<(string Title, TimeSpan Start, TimeSpan End)>> ReadChaptersAsync(string path, CancellationToken cancellationToken = default)
    {
        var arguments = new ArgumentsBuilder().Add("-show_chapters").Add("-of", "json").Input(path).Build();
        var result = await Runner.RunAsync(MediaCommand.FFprobe(arguments, $"reading the chapters of '{path}'"), cancellationToken).ConfigureAwait(false);
        using var json = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        return json.RootElement.GetProperty("chapters").EnumerateArray()
            .Select(c => (
                c.TryGetProperty("tags", out var tags) && tags.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "",
                TimeSpan.FromSeconds(double.Parse(c.GetProperty("start_time").GetString()!, CultureInfo.InvariantCulture)),
                TimeSpan.FromSeconds(double.Parse(c.GetProperty("end_time").GetString()!, CultureInfo.InvariantCulture))))
            .ToList();
    }

    /// <summary>
    /// The PSNR (average over Y, U, V, in dB) of every frame of <paramref name="actual"/> against the
    /// same frame of <paramref name="expected"/>, in order; identical frames read as 100 dB.
    /// </summary>
    public static async Task<IReadOnlyList<double>> PsnrPerFrameAsync(string expected, string actual, CancellationToken cancellationToken = default)
    {
        var stats = Path.Combine(Path.GetTempPath(), $"psnr-{Guid.NewGuid():N}.log");
        try
        {
            var arguments = new ArgumentsBuilder().Input(expected).Input(actual)
                .Add("-lavfi", $"[0:v:0][1:v:0]psnr=stats_file='{stats}'")
                .Add("-f", "null").Add("-")
                .Build();
            await Runner.RunAsync(MediaCommand.FFmpeg(arguments, $"comparing '{actual}' with '{expected}'"), cancellationToken).ConfigureAwait(false);
            return (await File.ReadAllLinesAsync(stats, cancellationToken).ConfigureAwait(false))
                .Select(line => PsnrAverage().Match(line))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value == "inf" ? 100 : double.Parse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture))
                .ToList();
        }
        finally
        {
            File.Delete(stats);
        }
    }

    [GeneratedRegex(@"psnr_avg:(inf|[0-9.]+)")]
    private static partial Regex PsnrAverage();

    [GeneratedRegex(@"mean_volume:\s*(-?[0-9.]+) dB")]
    private static partial Regex MeanVolume();
}