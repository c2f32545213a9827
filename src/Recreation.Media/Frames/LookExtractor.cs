using System.Globalization;

using Recreation.Media.Probing;
using Recreation.Media.Processes;

namespace Recreation.Media.Frames;

/// <summary>
/// The looks of several clips in one ffmpeg run: per clip, its first, middle and last thumbnails
/// (<see cref="ThumbnailExtractor.FirstMiddleLastAsync"/>) and its palette
/// (<see cref="PaletteExtractor.ExtractAsync"/>) — the same inputs, filters and encoders, so the
/// same bytes and colours, from already probed clips. Each ffmpeg or ffprobe start costs ~0.15 s of
/// CPU (it loads some 200 shared libraries), more than measuring a short clip: a report of four
/// clips took 16 processes where this takes one.
/// </summary>
public sealed class LookExtractor(FFmpegRunner runner)
{
    /// <summary>
    /// Clips per ffmpeg run are grouped until their frames add up to this many pixels (four
    /// 1920x1080 clips; 144 of 320x180): each clip opens four decoders, all alive until the run ends.
    /// </summary>
    public const long PixelsPerRun = 4L * 1920 * 1080;

    /// <summary>The most clips in one run, whatever their size.</summary>
    public const int MaxClipsPerRun = 16;

    /// <summary>
    /// The looks of <paramref name="clips"/> in their order, in one ffmpeg run. Any clip without a
    /// picture, or one that gives no frames, fails the whole call (a <see cref="MediaException"/>
    /// naming it): measure the clips one by one to tell which.
    /// </summary>
    public async Task<IReadOnlyList<ClipLook>> ExtractAsync(IReadOnlyList<MediaInfo> clips, int colors = 5, int width = ThumbnailExtractor.DefaultWidth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentOutOfRangeException.ThrowIfLessThan(colors, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(colors, 64);
        if (clips.Count == 0)
        {
            return [];
        }

        foreach (var clip in clips)
        {
            PaletteExtractor.RequirePicture(clip);
        }

        var scratch = Path.Combine(Path.GetTempPath(), "recreation-looks-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var arguments = new ArgumentsBuilder();
            foreach (var clip in clips)
            {
                foreach (var seek in ThumbnailExtractor.FirstMiddleLastSeeks(clip))
                {
                    arguments.AddRange(seek).Input(clip.Path);
                }

                arguments.Input(clip.Path);
            }

            for (var k = 0; k < clips.Count; k++)
            {
                for (var t = 0; t < 3; t++)
                {
                    arguments.AddRange(ThumbnailExtractor.OutputOptions((k * 4) + t, width, last: t == 2)).Output(File(scratch, k, t.ToString(CultureInfo.InvariantCulture) + ".jpg"));
                }

                arguments.AddRange(PaletteExtractor.OutputOptions((k * 4) + 3, clips[k])).Output(File(scratch, k, "rgb"));
            }

            await runner.RunAsync(MediaCommand.FFmpeg(arguments.Build(), $"measuring the looks of {clips.Count} clip(s) such as '{clips[0].Path}'"), cancellationToken).ConfigureAwait(false);
            var looks = new List<ClipLook>(clips.Count);
            for (var k = 0; k < clips.Count; k++)
            {
                var thumbnails = new byte[]?[3];
                for (var t = 0; t < 3; t++)
                {
                    thumbnails[t] = await ThumbnailExtractor.ReadAsync(File(scratch, k, t.ToString(CultureInfo.InvariantCulture) + ".jpg"), cancellationToken).ConfigureAwait(false);
                }

                var samples = System.IO.File.Exists(File(scratch, k, "rgb")) ? await System.IO.File.ReadAllBytesAsync(File(scratch, k, "rgb"), cancellationToken).ConfigureAwait(false) : [];
                looks.Add(new ClipLook(clips[k].Path, thumbnails, PaletteExtractor.Cluster(clips[k], samples, colors)));
            }

            return looks;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>
    /// <paramref name="clips"/> cut into consecutive runs of at most <see cref="MaxClipsPerRun"/>
    /// clips and <see cref="PixelsPerRun"/> pixels per frame (a clip bigger than that runs alone).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<MediaInfo>> Groups(IReadOnlyList<MediaInfo> clips)
    {
        ArgumentNullException.ThrowIfNull(clips);
        var groups = new List<IReadOnlyList<MediaInfo>>();
        var current = new List<MediaInfo>();
        long pixels = 0;
        foreach (var clip in clips)
        {
            var size = clip.Video is { } video ? (long)video.Width * video.Height : 0;
            if (current.Count > 0 && (current.Count == MaxClipsPerRun || pixels + size > PixelsPerRun))
            {
                groups.Add(current);
                (current, pixels) = ([], 0);
            }

            current.Add(clip);
            pixels += size;
        }

        if (current.Count > 0)
        {
            groups.Add(current);
        }

        return groups;
    }

    private static string File(string scratch, int clip, string suffix) =>
        Path.Combine(scratch, string.Create(CultureInfo.InvariantCulture, $"{clip}.{suffix}"));
}