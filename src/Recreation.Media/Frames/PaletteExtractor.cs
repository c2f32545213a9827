using Recreation.Media.Probing;
using Recreation.Media.Processes;

namespace Recreation.Media.Frames;

/// <summary>
/// The dominant colours of a clip or an image: up to <see cref="SampleFrames"/> frames spread
/// over the clip, shrunk to 32x18 (area averaging), read as raw RGB from ffmpeg's stdout and
/// clustered in C# (deterministic k-means) so each colour comes with its weight.
/// </summary>
public sealed class PaletteExtractor(FFmpegRunner runner)
{
    public const int SampleFrames = 48;
    private readonly MediaProbe _probe = new(runner);

    public async Task<IReadOnlyList<PaletteColor>> ExtractAsync(string input, int count = 5, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 64);
        var info = await _probe.ProbeAsync(input, cancellationToken).ConfigureAwait(false);
        RequirePicture(info);
        var arguments = new ArgumentsBuilder()
            .Input(info.Path)
            .AddRange(OutputOptions(0, info))
            .Add("-")
            .Build();
        var result = await runner.RunAsync(MediaCommand.FFmpeg(arguments, $"sampling the colours of '{info.Path}'") with { CaptureBinaryOutput = true }, cancellationToken).ConfigureAwait(false);
        return Cluster(info, result.BinaryOutput.Span, count);
    }

    /// <summary>Throws a <see cref="MediaException"/> naming the file when it has no video stream.</summary>
    internal static void RequirePicture(MediaInfo info)
    {
        if (info.Video is null)
        {
            throw new MediaException($"'{info.Path}' has no picture to take colours from.") { FilePath = info.Path };
        }
    }

    /// <summary>
    /// The output options (before its target) that write input <paramref name="input"/>'s samples as
    /// raw RGB: spread over the clip, at most 2 per second and at most <see cref="SampleFrames"/> in
    /// all; a still image is one frame.
    /// </summary>
    internal static IReadOnlyList<string> OutputOptions(int input, MediaInfo info) =>
        ["-map", input.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":v:0", "-vf", SamplingFilter(info.VideoDuration), .. RawOptions];

    /// <summary>The filters that sample a picture of <paramref name="duration"/> for its palette.</summary>
    internal static string SamplingFilter(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var sampling = seconds >= 0.5 ? "fps=" + ArgumentsBuilder.Number(Math.Min(2, SampleFrames / seconds)) + "," : string.Empty;
        return sampling + "scale=32:18:flags=area,format=rgb24";
    }

    /// <summary>The output options of the samples (before the file they go to).</summary>
    internal static IReadOnlyList<string> RawOptions { get; } = ["-frames:v", SampleFrames.ToString(System.Globalization.CultureInfo.InvariantCulture), "-f", "rawvideo"];

    /// <summary>The dominant colours of the raw samples ffmpeg wrote for <paramref name="info"/>; none is a damaged clip.</summary>
    internal static IReadOnlyList<PaletteColor> Cluster(MediaInfo info, ReadOnlySpan<byte> samples, int count)
    {
        if (samples.IsEmpty)
        {
            throw new MediaException($"'{info.Path}' gave no frames to take colours from; it may be damaged.") { FilePath = info.Path };
        }

        return ColorClustering.Cluster(samples, count);
    }

    /// <summary>
    /// The dominant colours of each of several still images (e.g. thumbnails of keyframes), in one
    /// ffmpeg run: every image is shrunk to 32x18 and clustered on its own.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<PaletteColor>>> ExtractEachAsync(IReadOnlyList<string> images, int count = 5, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (images.Count == 0)
        {
            return [];
        }

        var c = System.Globalization.CultureInfo.InvariantCulture;
        var arguments = new ArgumentsBuilder();
        foreach (var image in images)
        {
            arguments.Input(image);
        }

        var graph = string.Concat(images.Select((_, i) => string.Create(c, $"[{i}:v:0]scale=32:18:flags=area,setsar=1,format=rgb24[p{i}];")))
            + string.Concat(images.Select((_, i) => string.Create(c, $"[p{i}]")))
            + string.Create(c, $"concat=n={images.Count}:v=1:a=0[all]");
        // passthrough: each image is one frame; a constant output rate would drop some as duplicates.
        arguments.Add("-filter_complex", graph).Add("-map", "[all]").Add("-fps_mode", "passthrough").Add("-frames:v", images.Count).Add("-f", "rawvideo").Add("-");
        var result = await runner.RunAsync(MediaCommand.FFmpeg(arguments.Build(), $"sampling the colours of {images.Count} image(s) such as '{images[0]}'") with { CaptureBinaryOutput = true }, cancellationToken).ConfigureAwait(false);
        const int FrameBytes = 32 * 18 * 3;
        if (result.BinaryOutput.Length < FrameBytes * images.Count)
        {
            throw new MediaException($"'{images[0]}' and the other images gave fewer pixels than expected to take colours from; one may be damaged.") { FilePath = images[0] };
        }

        return images.Select((_, i) => ColorClustering.Cluster(result.BinaryOutput.Span.Slice(i * FrameBytes, FrameBytes), count)).ToList();
    }
}