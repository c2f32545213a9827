using System.Globalization;

using Recreation.Media.Probing;
using Recreation.Media.Processes;

namespace Recreation.Media.Frames;

/// <summary>
/// Small JPEG thumbnails of a clip (or an image) for reports: several frames in one ffmpeg run,
/// each input opened with its own seek so only a little of the clip is decoded. Square pixels
/// first, then scaled to the width asked (height to keep the shape, even).
/// </summary>
public sealed class ThumbnailExtractor(FFmpegRunner runner)
{
    /// <summary>The width reports use: big enough to tell shots apart, small enough to inline (≈ 5–10 kB each).</summary>
    public const int DefaultWidth = 240;

    private readonly MediaProbe _probe = new(runner);

    /// <summary>The first, middle and last frame; null for one ffmpeg could not write.</summary>
    public async Task<IReadOnlyList<byte[]?>> FirstMiddleLastAsync(string input, int width = DefaultWidth, CancellationToken cancellationToken = default)
    {
        var info = await _probe.ProbeAsync(input, cancellationToken).ConfigureAwait(false);
        return await ExtractAsync(FirstMiddleLastSeeks(info).Select(seek => (info.Path, seek)).ToList(), lastIsEnd: true, width, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The input options of the first, middle and last frame (the last: every frame of the final
    /// half second, the image kept is the last). One decoder thread each: they decode a few frames,
    /// and frame threads cost more to start than they save there (a report's looks of four short
    /// clips: 0.67 CPU-s instead of 0.98); H.264 decodes to the same frames either way.
    /// </summary>
    internal static IReadOnlyList<IReadOnlyList<string>> FirstMiddleLastSeeks(MediaInfo info) =>
        [["-threads", "1", "-ss", "0"], ["-threads", "1", "-ss", ArgumentsBuilder.Seconds(info.VideoDuration / 2)], ["-threads", "1", "-sseof", "-0.5"]];

    /// <summary>The output options of one thumbnail of input <paramref name="input"/> (before its file name): square pixels, <paramref name="width"/> wide, JPEG.</summary>
    internal static IReadOnlyList<string> OutputOptions(int input, int width, bool last)
    {
        var scale = ScaleFilter(width);
        // The last frame: every frame from the seek on overwrites the image, so the file ends as the last one.
        return ["-map", string.Create(CultureInfo.InvariantCulture, $"{input}:v:0"), "-vf", scale, "-q:v", "5", .. last ? ["-update", "1"] : (string[])["-frames:v", "1"], "-f", "image2"];
    }

    /// <summary>The filters that make a thumbnail of a frame: square pixels, <paramref name="width"/> wide (even height), full-range for JPEG.</summary>
    internal static string ScaleFilter(int width)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        return string.Create(CultureInfo.InvariantCulture, $"scale=trunc(iw*sar/2)*2:ih,setsar=1,scale={width}:-2:flags=bicubic,format=yuvj420p");
    }

    /// <summary>The encoder options of a thumbnail (before its file name).</summary>
    internal static IReadOnlyList<string> JpegOptions { get; } = ["-q:v", "5", "-f", "image2"];

    /// <summary>The bytes of a thumbnail ffmpeg wrote, or null when it wrote nothing.</summary>
    internal static async Task<byte[]?> ReadAsync(string file, CancellationToken cancellationToken) =>
        File.Exists(file) && new FileInfo(file).Length > 0 ? await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>The frames shown at <paramref name="times"/> (clamped to the clip); null for one past its end.</summary>
    public async Task<IReadOnlyList<byte[]?>> AtAsync(string input, IReadOnlyList<TimeSpan> times, int width = DefaultWidth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(times);
        var info = await _probe.ProbeAsync(input, cancellationToken).ConfigureAwait(false);
        var seeks = times.Select(t => (info.Path, (IReadOnlyList<string>)["-ss", ArgumentsBuilder.Seconds(t < TimeSpan.Zero ? TimeSpan.Zero : t)])).ToList();
        return await ExtractAsync(seeks, lastIsEnd: false, width, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One frame of each of several videos, each at its own time, in one ffmpeg run and without a
    /// probe (a batch index: a probe and an ffmpeg per item took 0.4 CPU-s each); null for a frame
    /// ffmpeg wrote nothing for. Any unreadable input fails the whole run: the caller then takes
    /// the videos one at a time (<see cref="AtAsync"/>) to find which.
    /// </summary>
    public async Task<IReadOnlyList<byte[]?>> OfVideosAtAsync(IReadOnlyList<(string Path, TimeSpan At)> frames, int width = DefaultWidth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        return frames.Count == 0 ? [] : await ExtractAsync(
            frames.Select(f => (Path.GetFullPath(f.Path), (IReadOnlyList<string>)["-ss", ArgumentsBuilder.Seconds(f.At < TimeSpan.Zero ? TimeSpan.Zero : f.At)])).ToList(),
            lastIsEnd: false, width, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Thumbnails of still images (e.g. a reference's keyframes), in one ffmpeg run; null for one ffmpeg wrote nothing for.</summary>
    public async Task<IReadOnlyList<byte[]?>> OfImagesAsync(IReadOnlyList<string> images, int width = DefaultWidth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        return images.Count == 0 ? [] : await ExtractAsync(images.Select(i => (Path.GetFullPath(i), (IReadOnlyList<string>)[])).ToList(), lastIsEnd: false, width, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<byte[]?>> ExtractAsync(IReadOnlyList<(string Source, IReadOnlyList<string> Seek)> inputs, bool lastIsEnd, int width, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        var scratch = Path.Combine(Path.GetTempPath(), "recreation-thumbs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var arguments = new ArgumentsBuilder();
            foreach (var (source, seek) in inputs)
            {
                arguments.AddRange(seek).Input(source);
            }

            for (var i = 0; i < inputs.Count; i++)
            {
                arguments.AddRange(OutputOptions(i, width, last: lastIsEnd && i == inputs.Count - 1))
                    .Output(Path.Combine(scratch, string.Create(CultureInfo.InvariantCulture, $"{i}.jpg")));
            }

            await runner.RunAsync(MediaCommand.FFmpeg(arguments.Build(), $"making thumbnails of '{inputs[0].Source}'"), cancellationToken).ConfigureAwait(false);
            var images = new byte[]?[inputs.Count];
            for (var i = 0; i < inputs.Count; i++)
            {
                images[i] = await ReadAsync(Path.Combine(scratch, string.Create(CultureInfo.InvariantCulture, $"{i}.jpg")), cancellationToken).ConfigureAwait(false);
            }

            return images;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}