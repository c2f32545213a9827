using System.Globalization;

using Recreation.Media.Files;
using Recreation.Media.Probing;
using Recreation.Media.Processes;

namespace Recreation.Media.Frames;

/// <summary>
/// Writes one frame of a clip as an RGB PNG of exactly W×H (square pixels first, then scaled to
/// cover and centre-cropped) — e.g. the last frame of a clip as the next clip's reference image.
/// </summary>
public sealed class FrameExtractor(FFmpegRunner runner)
{
    private readonly MediaProbe _probe = new(runner);

    /// <summary>
    /// The last frame, decoding only the final second (<c>-sseof -1</c>, bit-identical to a full
    /// decode). ffmpeg exits 0 and writes nothing when that seek finds no frame, so the file is
    /// checked and the whole clip decoded instead.
    /// </summary>
    public async Task<string> ExtractLastFrameAsync(string input, string outputPng, int width, int height, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(input);
        MediaProbe.RequireNonEmptyFile(source);
        return await WriteAsync(["-sseof", "-1"], source, outputPng, width, height, "the last frame", cancellationToken).ConfigureAwait(false)
            ?? await WriteAsync([], source, outputPng, width, height, "the last frame", cancellationToken).ConfigureAwait(false)
            ?? throw new MediaException($"'{source}' has no decodable video frame.") { FilePath = source };
    }

    /// <summary>The frame shown at <paramref name="at"/> from the start.</summary>
    public async Task<string> ExtractFrameAsync(string input, TimeSpan at, string outputPng, int width, int height, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(at, TimeSpan.Zero);
        var info = await _probe.ProbeAsync(input, cancellationToken).ConfigureAwait(false);
        return await WriteAsync(["-ss", ArgumentsBuilder.Seconds(at)], info.Path, outputPng, width, height, $"the frame at {at}", cancellationToken).ConfigureAwait(false)
            ?? throw new MediaException(string.Create(CultureInfo.InvariantCulture,
                $"'{info.Path}' has no frame at {at.TotalSeconds:0.###} s: its video lasts {info.VideoDuration.TotalSeconds:0.###} s."))
            { FilePath = info.Path };
    }

    /// <summary>Runs one extraction into a temp name; returns the PNG's path, or null when ffmpeg wrote nothing.</summary>
    private async Task<string?> WriteAsync(IReadOnlyList<string> seek, string source, string outputPng, int width, int height, string what, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 2);
        var target = Path.GetFullPath(outputPng);
        var size = string.Create(CultureInfo.InvariantCulture, $"{width}:{height}");
        var written = await AtomicFile.ProduceAsync(target, async partial =>
        {
            var arguments = new ArgumentsBuilder()
                .AddRange(seek)
                .Input(source)
                .Add("-map", "0:v:0")
                .Add("-vf", $"scale=trunc(iw*sar/2)*2:ih,setsar=1,scale={size}:force_original_aspect_ratio=increase:flags=lanczos,crop={size},setsar=1")
                .Add("-update", "1")
                .Add("-pix_fmt", "rgb24")
                .Add("-f", "image2")
                .Output(partial)
                .Build();
            await runner.RunAsync(MediaCommand.FFmpeg(arguments, $"extracting {what} of '{source}'") with { OutputPath = partial }, cancellationToken).ConfigureAwait(false);
            return File.Exists(partial) && new FileInfo(partial).Length > 0;
        }).ConfigureAwait(false);
        return written ? target : null;
    }
}