using Recreation.Media.Processes;

namespace Recreation.Media.Analysis;

/// <summary>
/// Decodes a video's picture once, in one ffmpeg process: threaded decode with the in-loop
/// deblocking filter skipped (invisible at 128x72, and a fifth of H.264's decode time), squeezed
/// to <see cref="AnalysisFrameSize"/> by area averaging, piped as raw RGB and turned into
/// <see cref="FrameFeatures"/> as it arrives — memory stays a few KB per frame, whatever the size.
/// </summary>
internal static class FeatureReader
{
    /// <summary>Frames the read buffer holds: when ffmpeg runs ahead, one read takes several.</summary>
    private const int BufferFrames = 16;

    /// <param name="fullPath">The video, as an absolute path.</param>
    /// <param name="timing">The frame rate and the expected frame count (for progress), from the probe that runs
    /// beside this decode: ffmpeg starts at once, and its first frames wait in the pipe until the probe has answered.</param>
    public static async Task<(List<FrameFeatures> Frames, int MotionStep)> ReadAsync(FFmpegRunner runner, string fullPath, Task<(double Fps, double ExpectedFrames)> timing, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        // A zscale that cannot start (an ffmpeg built without zimg, an input format it cannot
        // take) fails before any frame; the area average then reads the video instead.
        return await ReadAsync(runner, fullPath, Squeeze.Zimg, timing, progress, cancellationToken).ConfigureAwait(false)
            ?? await ReadAsync(runner, fullPath, Squeeze.Area, timing, progress, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The area average cannot decline a video.");
    }

    /// <summary>How the picture is squeezed to the analysis size.</summary>
    internal enum Squeeze
    {
        /// <summary>
        /// zimg's bilinear resampler (ffmpeg's <c>zscale</c>), then swscale for the colour
        /// conversion at 128x72. Measured here on 1080p H.264: about a tenth less CPU than the whole
        /// decode, where swscale's AVX2 horizontal scaler (built on gathers) cost a sixth more.
        /// </summary>
        Zimg,

        /// <summary>swscale's area average: every ffmpeg has it.</summary>
        Area,
    }

    /// <returns>Null when <see cref="Squeeze.Zimg"/> failed before its first frame.</returns>
    internal static async Task<(List<FrameFeatures> Frames, int MotionStep)?> ReadAsync(FFmpegRunner runner, string fullPath, Squeeze squeeze, Task<(double Fps, double ExpectedFrames)> timing, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var frames = new List<FrameFeatures>();
        var motionStep = 1;
        const int W = AnalysisFrameSize.Width, H = AnalysisFrameSize.Height;
        var filter = squeeze == Squeeze.Zimg
            ? $"zscale=w={W}:h={H}:filter=bilinear,format=yuv420p,scale=flags=area,format=rgb24"
            : $"scale={W}:{H}:flags=area,format=rgb24";
        var arguments = new ArgumentsBuilder()
            .Add("-skip_loop_filter", "all")
            .Input(fullPath)
            .Add("-map", "0:v:0").Add("-an").Add("-sn").Add("-dn")
            .Add("-vf", filter)
            .Add("-f", "rawvideo").Add("-")
            .Build();
        var command = MediaCommand.FFmpeg(arguments, $"decoding '{fullPath}' for analysis") with
        {
            StandardOutputReader = async (stdout, token) =>
            {
                var (fps, expected) = await timing.ConfigureAwait(false);
                var extractor = new FeatureExtractor(fps);
                motionStep = extractor.MotionStep;
                // Plain blocking reads on a thread of its own: a frame arrives every few
                // milliseconds, and an async read per frame cost more in thread-pool hand-offs
                // (and spinning) than the features themselves.
                await Task.Factory.StartNew(
                    () => ReadFrames(stdout, extractor, frames, Math.Max(1, expected), progress, token),
                    token,
                    TaskCreationOptions.LongRunning,
                    TaskScheduler.Default).ConfigureAwait(false);
            },
        };
        try
        {
            await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (MediaToolException) when (squeeze == Squeeze.Zimg && frames.Count == 0 && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return (frames, motionStep);
    }

    private static void ReadFrames(Stream stdout, FeatureExtractor extractor, List<FrameFeatures> frames, double expected, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var buffer = new byte[BufferFrames * AnalysisFrameSize.Bytes];
        var filled = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = stdout.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
            {
                return; // the end (a partial frame can only be the tail of a failed run, reported by its exit code)
            }

            filled += read;
            var used = 0;
            for (; filled - used >= AnalysisFrameSize.Bytes; used += AnalysisFrameSize.Bytes)
            {
                frames.Add(extractor.Add(buffer.AsSpan(used, AnalysisFrameSize.Bytes)));
                if (frames.Count % 25 == 0)
                {
                    progress?.Report(Math.Min(0.99, frames.Count / expected));
                }
            }

            buffer.AsSpan(used, filled - used).CopyTo(buffer);
            filled -= used;
        }
    }
}