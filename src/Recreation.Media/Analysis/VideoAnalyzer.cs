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
        // The probe and the decode start together (an ffmpeg or ffprobe process spends about a
        // fifth of a second's CPU just starting): the decode's first frames wait in its pipe for the frame rate.
        var fullPath = Path.GetFullPath(path);
        using var decoding = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var probing = ProbeAsync(fullPath, cancellationToken);
        var picture = FeatureReader.ReadAsync(runner, fullPath, TimingAsync(probing), progress, decoding.Token);
        MediaInfo info;
        try
        {
            info = await probing.ConfigureAwait(false);
        }
        catch
        {
            // The probe's message says what is wrong with the file; the decode's failure would only repeat it less clearly.
            await decoding.CancelAsync().ConfigureAwait(false);
            await picture.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
            throw;
        }

        var video = info.Video!;
        var fps = video.FrameRate.ToDouble();
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

    /// <summary>The probe, with the checks analysis needs: a video stream with a frame rate.</summary>
    private async Task<MediaInfo> ProbeAsync(string fullPath, CancellationToken cancellationToken)
    {
        var info = await new MediaProbe(runner).ProbeAsync(fullPath, cancellationToken).ConfigureAwait(false);
        if (info.Video is not { } video)
        {
            throw new MediaException($"'{info.Path}' has no video stream to find shots in.") { FilePath = info.Path };
        }

        if (!video.FrameRate.IsPositive)
        {
            throw new MediaException($"'{info.Path}' does not say its frame rate, so its frames cannot be timed.") { FilePath = info.Path };
        }

        return info;
    }

    private static async Task<(double Fps, double ExpectedFrames)> TimingAsync(Task<MediaInfo> probing)
    {
        var info = await probing.ConfigureAwait(false);
        var fps = info.Video!.FrameRate.ToDouble();
        return (fps, info.VideoDuration.TotalSeconds * fps);
    }

    private async Task<LoudnessTrack?> MeasureAsync(string path, CancellationToken cancellationToken) =>
        await LoudnessTrack.MeasureAsync(runner, path, cancellationToken).ConfigureAwait(false);
}