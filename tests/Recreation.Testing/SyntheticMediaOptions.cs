using Recreation.Media;

namespace Recreation.Testing;

/// <summary>
/// The shape of a generated clip. Defaults: 320x180, 25 fps, 1 s, H.264 yuv420p, stereo 48 kHz
/// sine at 440 Hz. The container follows the file extension (.mp4, .mov, .mkv, .webm, .m4a…).
/// </summary>
public sealed record SyntheticMediaOptions
{
    public int Width { get; init; } = 320;

    public int Height { get; init; } = 180;

    public Rational FrameRate { get; init; } = 25;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>False makes an audio-only file.</summary>
    public bool IncludeVideo { get; init; } = true;

    public SyntheticVideoCodec VideoCodec { get; init; } = SyntheticVideoCodec.H264;

    /// <summary>e.g. "yuv420p", "yuv444p", "yuv420p10le" (10-bit).</summary>
    public string PixelFormat { get; init; } = "yuv420p";

    public SyntheticPattern Pattern { get; init; } = SyntheticPattern.TestPattern;

    /// <summary>An ffmpeg colour for <see cref="SyntheticPattern.SolidColor"/>: "red", "0x336699"…</summary>
    public string Color { get; init; } = "blue";

    /// <summary>Non-square pixels, e.g. 4:3 (a 240x180 frame then displays as 320x180).</summary>
    public Rational? SampleAspectRatio { get; init; }

    /// <summary>A rotation written as display-matrix metadata (0, 90, 180, 270; MP4/MOV only).</summary>
    public int Rotation { get; init; }

    /// <summary>Top-field-first interlaced coding (H.264 only), as old camcorders and broadcast captures deliver.</summary>
    public bool Interlaced { get; init; }

    /// <summary>Drops 3 of every 10 frames while keeping timestamps, so avg_frame_rate ≠ r_frame_rate.</summary>
    public bool VariableFrameRate { get; init; }

    public SyntheticAudio Audio { get; init; } = SyntheticAudio.Stereo;

    public int AudioSampleRate { get; init; } = 48000;

    /// <summary>The audio's length when it should differ from the video's (shorter or longer).</summary>
    public TimeSpan? AudioDuration { get; init; }

    public double AudioFrequency { get; init; } = 440;

    /// <summary>The audio starts this much after the video (its stream's start time), as some phone and screen recordings do.</summary>
    public TimeSpan AudioDelay { get; init; }

    /// <summary>The clip opens with this much black, then the pattern (the total stays <see cref="Duration"/>).</summary>
    public TimeSpan BlackHead { get; init; }

    /// <summary>The clip opens with its first frame held this long, then moves (the total stays <see cref="Duration"/>).</summary>
    public TimeSpan FrozenHead { get; init; }

    /// <summary>Gain on the sine (lavfi's sine is about -21 LUFS per channel at 0 dB here).</summary>
    public double AudioVolumeDb { get; init; }

    /// <summary>An ffmpeg audio encoder; null picks libvorbis for WebM, AAC otherwise.</summary>
    public string? AudioCodec { get; init; }

    /// <summary>MP4/MOV with the index at the front (a truncated copy still probes as full length).</summary>
    public bool FastStart { get; init; } = true;
}