using Recreation.Media.Probing;

namespace Recreation.Media.Analysis;

/// <summary>
/// Finds a video's shots (hard cuts, dissolves, fades through black) and describes each one and
/// the whole: palette, brightness, camera class, loudness. The picture is decoded exactly once
/// (<see cref="FeatureReader"/>) while a second, light ffmpeg measures the sound; everything else
/// is computed from what those two streams give.
/// </summary>
public sealed class VideoAnalyzer(FFmpegRunner runner)
{
    public async Task<VideoAnalysis> AnalyzeAsync(string path, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var info = await new MediaProbe(runner).ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        if (info.Video is not { } video)
        {
            throw new MediaException($"'{info.Path}' has no video stream to find shots in.") { FilePath = info.Path };
        }

        if (!video.FrameRate.IsPositive)
        {
            throw new MediaException($"'{info.Path}' does not say its frame rate, so its frames cannot be timed.") { FilePath = info.Path };
        }

        var fps = video.FrameRate.ToDouble();
        var picture = FeatureReader.ReadAsync(runner, info, fps, progress, cancellationToken);
        var sound = info.HasAudio ? MeasureAsync(info.Path, cancellationToken) : Task.FromResult<LoudnessTrack?>(null);
        await Task.WhenAll(picture, sound).ConfigureAwait(false);
        var (frames, motionStep) = await picture.ConfigureAwait(false);
        var loudness = await sound.ConfigureAwait(false);
        if (frames.Count == 0)
        {
            throw new MediaException($"'{info.Path}' gave no frames; it may be damaged.") { FilePath = info.Path };
        }

        var boundaries = ShotBoundaryDetector.Detect(frames, fps);
        var shots = ShotAssembler.Build(frames, boundaries, fps, motionStep, loudness);
        progress?.Report(1);
        return new VideoAnalysis(
            info.Path,
            video.DisplayWidth,
            video.DisplayHeight,
            video.FrameRate,
            TimeSpan.FromSeconds(frames.Count / fps),
            frames.Count,
            ShotAssembler.Palette(frames, 0, frames.Count - 1, 48),
            info.HasAudio,
            loudness?.IntegratedLufs,
            shots);
    }

    private async Task<LoudnessTrack?> MeasureAsync(string path, CancellationToken cancellationToken) =>
        await LoudnessTrack.MeasureAsync(runner, path, cancellationToken).ConfigureAwait(false);
}