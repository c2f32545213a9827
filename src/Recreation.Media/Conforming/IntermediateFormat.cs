using Recreation.Media.Probing;

namespace Recreation.Media.Conforming;

/// <summary>
/// The one set of encoder settings for conformed clips and re-encoded joins (FFMPEG.md): H.264
/// (x264 veryfast, crf 20, High, fixed GOP, no B-frames) + PCM s16le 48 kHz stereo in MOV with a
/// fixed track timescale. Identical settings make intermediates join by stream copy; no B-frames
/// keep a later re-encode of only the transition windows possible; bitexact flags make the bytes
/// depend only on input and spec, so conformed clips can be cached.
/// </summary>
internal static class IntermediateFormat
{
    public const string Extension = ".mov";

    /// <summary>The track timescale FFMPEG.md measured as exact over 900 joins; used whenever it is a whole multiple of the frame rate.</summary>
    private const long PreferredTimescale = 15360;

    public static IReadOnlyList<string> VideoEncoder(Rational fps)
    {
        var gop = GopLength(fps).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return
        [
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-profile:v", "high", "-pix_fmt", "yuv420p",
            "-g", gop, "-keyint_min", gop, "-sc_threshold", "0", "-bf", "0",
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
        ];
    }

    public static IReadOnlyList<string> AudioEncoder { get; } = ["-c:a", "pcm_s16le", "-ar", "48000", "-ac", "2"];

    public static IReadOnlyList<string> Muxer(Rational fps)
    {
        return
        [
            "-video_track_timescale", Timescale(fps).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-f", "mov",
        ];
    }

    /// <summary>
    /// Keyframes 0.5 s and 1 s from each end of a conformed clip (frame-exact: each time is the
    /// frame's own, rounded down to the microsecond, so ffmpeg forces that frame and not the
    /// next): the windows a later windowed join re-encodes around a 0.5 s or 1 s transition then
    /// hold the transition's frames and nothing more, and other lengths only up to the next one.
    /// </summary>
    public static string TransitionKeyframes(long frames, Rational fps)
    {
        var marks = new[] { 0.5, 1.0 }
            .Select(seconds => (long)Math.Round(seconds * fps.ToDouble(), MidpointRounding.AwayFromZero))
            .SelectMany(n => new[] { n, frames - n })
            .Where(n => n > 0 && n < frames)
            .ToList();
        return marks.Count > 0 ? FrameTimes(marks, fps) : "0";
    }

    /// <summary>
    /// Frames as <c>-force_key_frames</c> times: each frame's own time rounded down to the
    /// microsecond, so ffmpeg forces that frame and not the next.
    /// </summary>
    public static string FrameTimes(IEnumerable<long> frames, Rational fps)
    {
        return string.Join(',', frames
            .Distinct()
            .Order()
            .Select(n => Math.Floor((double)n * fps.Denominator / fps.Numerator * 1_000_000) / 1_000_000)
            .Select(t => t.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Two seconds of frames per GOP.</summary>
    public static long GopLength(Rational fps) => Math.Max(1, (long)Math.Round(fps.ToDouble() * 2));

    /// <summary>
    /// A timescale in which every frame lasts a whole number of ticks: 15360 when the rate divides
    /// it (24, 30, 60…), else the smallest multiple of the rate's numerator at or above 15360
    /// (25 fps → 15375, 30000/1001 → 30000), so frame timing never rounds.
    /// </summary>
    public static long Timescale(Rational fps)
    {
        var numerator = fps.Numerator;
        return PreferredTimescale % numerator == 0 ? PreferredTimescale : numerator * (long)Math.Ceiling(PreferredTimescale / (double)numerator);
    }

    /// <summary>Why a probed file is not an intermediate of this format at this size and rate, or null when it is.</summary>
    public static string? Mismatch(MediaInfo info, int width, int height, Rational fps)
    {
        return info switch
        {
            { Video: null } => "it has no video stream",
            { Video.Codec: not "h264" } => $"its video is {info.Video.Codec}, not H.264",
            { Video.PixelFormat: not "yuv420p" } => $"its pixel format is {info.Video.PixelFormat}, not yuv420p",
            _ when info.Video.Width != width || info.Video.Height != height => $"it is {info.Video.Width}x{info.Video.Height}, not {width}x{height}",
            _ when info.Video.FrameRate != fps || info.Video.IsVariableFrameRate => $"its frame rate is {info.Video.FrameRate}, not a constant {fps}",
            _ when info.Video.Rotation != 0 => "it carries a rotation",
            { Audio: null } => "it has no audio stream (conformed clips always carry one)",
            { Audio.Codec: not "pcm_s16le" } => $"its audio is {info.Audio.Codec}, not PCM s16le",
            _ when info.Audio.SampleRate != 48000 || info.Audio.Channels != 2 => $"its audio is {info.Audio.SampleRate} Hz with {info.Audio.Channels} channels, not 48 kHz stereo",
            _ => null,
        };
    }
}