using System.Globalization;

using Recreation.Media.Probing;

namespace Recreation.Media.Stitching;

/// <summary>
/// Checks a finished file before it is renamed into place (FFMPEG.md, "Final output"): H.264
/// yuv420p at the exact size, constant frame rate, the expected number of frames (within one),
/// AAC 48 kHz stereo ending within 0.1 s of the video.
/// </summary>
internal static class OutputVerifier
{
    public static IReadOnlyList<string> Problems(MediaInfo info, OutputJob job)
    {
        var problems = new List<string>();
        if (info.Video is not { } video)
        {
            return ["it has no video stream"];
        }

        if (video.Codec != "h264" || video.PixelFormat != "yuv420p")
        {
            problems.Add($"its video is {video.Codec} {video.PixelFormat}, not h264 yuv420p");
        }

        if (video.Width != job.Width || video.Height != job.Height)
        {
            problems.Add($"it is {video.Width}x{video.Height}, not {job.Width}x{job.Height}");
        }

        if (video.RFrameRate != job.Fps || video.AvgFrameRate != job.Fps)
        {
            problems.Add($"its frame rate is {video.RFrameRate} (average {video.AvgFrameRate}), not a constant {job.Fps}");
        }

        var frames = video.FrameCount ?? (long)Math.Round(info.VideoDuration.TotalSeconds * job.Fps.ToDouble());
        if (Math.Abs(frames - job.ExpectedFrames) > 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"it has {frames} frames ({info.VideoDuration.TotalSeconds:0.###} s), but {job.ExpectedFrames} ({job.Duration.TotalSeconds:0.###} s) were expected"));
        }

        if (info.Audio is not { } audio)
        {
            problems.Add("it has no audio stream");
        }
        else
        {
            if (audio.Codec != "aac" || audio.SampleRate != 48000 || audio.Channels != 2)
            {
                problems.Add($"its audio is {audio.Codec} {audio.SampleRate} Hz {audio.Channels} ch, not AAC 48 kHz stereo");
            }

            if (audio.Duration is { } length && (length - info.VideoDuration).Duration() > TimeSpan.FromSeconds(0.1))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"its audio lasts {length.TotalSeconds:0.###} s against {info.VideoDuration.TotalSeconds:0.###} s of video"));
            }
        }

        return problems;
    }
}