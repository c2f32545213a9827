using Recreation.Media.Probing;
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
    public static async Task<(List<FrameFeatures> Frames, int MotionStep)> ReadAsync(FFmpegRunner runner, MediaInfo info, double fps, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var extractor = new FeatureExtractor(fps);
        var frames = new List<FrameFeatures>();
        var expected = Math.Max(1, info.VideoDuration.TotalSeconds * fps);
        var size = $"{AnalysisFrameSize.Width}:{AnalysisFrameSize.Height}";
        var arguments = new ArgumentsBuilder()
            .Add("-skip_loop_filter", "all")
            .Input(info.Path)
            .Add("-map", "0:v:0").Add("-an").Add("-sn").Add("-dn")
            .Add("-vf", $"scale={size}:flags=area,format=rgb24")
            .Add("-f", "rawvideo").Add("-")
            .Build();
        var command = MediaCommand.FFmpeg(arguments, $"decoding '{info.Path}' for analysis") with
        {
            StandardOutputReader = async (stdout, token) =>
            {
                var buffer = new byte[AnalysisFrameSize.Bytes];
                while (true)
                {
                    var read = await stdout.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, token).ConfigureAwait(false);
                    if (read < buffer.Length)
                    {
                        return; // the end (a partial frame can only be the tail of a failed run, reported by its exit code)
                    }

                    frames.Add(extractor.Add(buffer));
                    if (frames.Count % 25 == 0)
                    {
                        progress?.Report(Math.Min(0.99, frames.Count / expected));
                    }
                }
            },
        };
        await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
        return (frames, extractor.MotionStep);
    }
}