using System.Text.Json;

using Recreation.Media.Probing.Mov;
using Recreation.Media.Processes;

namespace Recreation.Media.Probing;

/// <summary>Runs ffprobe and returns the typed <see cref="MediaInfo"/> of a file.</summary>
public sealed class MediaProbe(FFmpegRunner runner)
{
    /// <summary>
    /// Probes a file. A missing, empty or non-media file throws a <see cref="MediaException"/>
    /// naming the file (with <see cref="MediaException.FilePath"/> set).
    /// </summary>
    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        return (await ProbeAsync(path, countPackets: false, cancellationToken).ConfigureAwait(false)).Info;
    }

    /// <summary>
    /// Probes and, with <paramref name="countPackets"/>, also reads every packet (demuxing only,
    /// ~0.1 s) to count the first video stream's: fewer than its declared frames means a
    /// truncated file. One ffprobe run instead of two.
    /// </summary>
    internal async Task<(MediaInfo Info, long? VideoPacketsRead)> ProbeAsync(string path, bool countPackets, CancellationToken cancellationToken)
    {
        var (info, packets, _) = await ReadAsync(path, countPackets, decode: false, cancellationToken).ConfigureAwait(false);
        return (info, packets);
    }

    /// <summary>
    /// One of our own intermediates, described with its video packets listed as
    /// <see cref="ProbeAsync(string, bool, CancellationToken)"/> with packets would: from the MOV's
    /// index in process when <see cref="MovIndexReader"/> knows its shape (the same fields, checked
    /// against ffprobe), else by ffprobe. A stitch of four clips started four ffprobe runs for this.
    /// </summary>
    internal async Task<MediaInfo> ProbeIntermediateAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var size = RequireNonEmptyFile(fullPath);
        return MovIndexReader.TryRead(fullPath) is { } raw
            ? MediaInfoMapper.Map(fullPath, raw, size)
            : (await ProbeAsync(fullPath, countPackets: true, cancellationToken).ConfigureAwait(false)).Info;
    }

    /// <summary>
    /// <see cref="ProbeAsync(string, bool, CancellationToken)"/>, and with <paramref name="decode"/>
    /// the same ffprobe run also decodes every frame of every stream (<c>-count_frames</c>):
    /// <c>DecodeErrors</c> is then the first lines it reported (null when it decoded cleanly).
    /// One process where a probe and an ffmpeg decode took two, each start costing about
    /// 0.2 CPU-s here; ffprobe decodes as fast per frame (an 8 s 720p clip: 0.57 CPU-s all in
    /// one run, where the probe and ffmpeg's decode took 0.17 + 0.63).
    /// </summary>
    internal async Task<(MediaInfo Info, long? VideoPacketsRead, string? DecodeErrors)> ReadAsync(string path, bool countPackets, bool decode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var size = RequireNonEmptyFile(fullPath);

        var arguments = new ArgumentsBuilder()
            .Add("-show_format").Add("-show_streams")
            .Add("-show_data_hash", "sha256");
        if (countPackets)
        {
            // The same demuxing pass also lists packets, for keyframe positions (windowed transitions).
            arguments.Add("-count_packets").Add("-show_entries", "packet=stream_index,pts,flags");
        }

        if (decode)
        {
            arguments.Add("-count_frames");
        }

        arguments.Add("-of", "json").Input(fullPath);
        MediaCommandResult result;
        try
        {
            result = await runner.RunAsync(MediaCommand.FFprobe(arguments.Build(), $"probing '{fullPath}'"), cancellationToken).ConfigureAwait(false);
        }
        catch (MediaToolException ex)
        {
            throw NotMedia(fullPath, FirstLine(ex.StandardErrorTail), ex);
        }

        FFprobeOutput? raw;
        try
        {
            raw = JsonSerializer.Deserialize(result.StandardOutput, FFprobeJsonContext.Default.FFprobeOutput);
        }
        catch (JsonException ex)
        {
            throw new MediaException($"ffprobe's description of '{fullPath}' was not valid JSON ({ex.Message}). Update ffmpeg, or report the file.", ex) { FilePath = fullPath };
        }

        if (raw?.Streams is not { Count: > 0 })
        {
            throw NotMedia(fullPath, "it has no audio or video streams", inner: null);
        }

        var info = MediaInfoMapper.Map(fullPath, raw, size);
        var packets = info.Video is { } video ? MediaInfoMapper.ReadPackets(raw, video.Index) : null;
        return (info, packets, decode ? ErrorLines(result.StandardError) : null);
    }

    /// <summary>Throws a <see cref="MediaException"/> naming the file when it is missing or empty; returns its size.</summary>
    internal static long RequireNonEmptyFile(string fullPath)
    {
        var file = new FileInfo(fullPath);
        if (!file.Exists)
        {
            throw new MediaException($"'{fullPath}' does not exist. Check the path (it is resolved against the current directory '{Environment.CurrentDirectory}').") { FilePath = fullPath };
        }

        if (file.Length == 0)
        {
            throw new MediaException($"'{fullPath}' is empty (0 bytes): the download or export that made it failed. Fetch or export it again.") { FilePath = fullPath };
        }

        return file.Length;
    }

    private static MediaException NotMedia(string fullPath, string reason, Exception? inner)
    {
        var message = $"'{fullPath}' is not a media file ffprobe can read: {reason}. If it should be a video, it is damaged or incomplete: fetch or export it again.";
        return new MediaException(message, isFatal: false, inner) { FilePath = fullPath };
    }

    /// <summary>The first three lines of what a tool reported, joined; null when it reported nothing.</summary>
    internal static string? ErrorLines(string stderr) =>
        string.IsNullOrWhiteSpace(stderr) ? null : string.Join(" | ", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3));

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return string.IsNullOrEmpty(line) ? "ffprobe gave no reason" : line;
    }
}