namespace Recreation.Media.Probing;

/// <summary>
/// A video stream. <see cref="Width"/>/<see cref="Height"/> are the stored size; a player shows
/// it turned by <see cref="Rotation"/> (ffmpeg applies that when it decodes), so
/// <see cref="DisplayWidth"/>/<see cref="DisplayHeight"/> are the size after rotation, and
/// <see cref="DisplayAspectRatio"/> also accounts for non-square pixels (<see cref="SampleAspectRatio"/>).
/// </summary>
public sealed record VideoStreamInfo(
    int Index,
    string Codec,
    string? Profile,
    int Width,
    int Height,
    int Rotation,
    Rational SampleAspectRatio,
    Rational RFrameRate,
    Rational AvgFrameRate,
    string? PixelFormat,
    Rational TimeBase,
    string? FieldOrder,
    ColorTags Colors,
    string? ExtradataHash,
    long? FrameCount,
    TimeSpan? Duration,
    TimeSpan StartTime)
{
    /// <summary>ffprobe's has_b_frames: how many frames the decoder may reorder (0: frames are stored in display order).</summary>
    public int BFrames { get; init; }

    /// <summary>Keyframe times from the stream's first packet, in order; null unless the probe listed packets (validation does).</summary>
    public IReadOnlyList<TimeSpan>? Keyframes { get; init; }

    /// <summary>Rotation is a quarter or three-quarter turn: width and height swap on display.</summary>
    public bool IsRotatedSideways => Rotation is 90 or 270;

    public int DisplayWidth => IsRotatedSideways ? Height : Width;

    public int DisplayHeight => IsRotatedSideways ? Width : Height;

    /// <summary>Width over height as shown: rotation and sample aspect applied.</summary>
    public double DisplayAspectRatio
    {
        get
        {
            var stored = Height == 0 ? 0 : Width * SampleAspectRatio.ToDouble() / Height;
            return IsRotatedSideways && stored > 0 ? 1 / stored : stored;
        }
    }

    /// <summary>r_frame_rate and avg_frame_rate differ (FFMPEG.md: the strict constant-rate test).</summary>
    public bool IsVariableFrameRate => !AvgFrameRate.IsZero && !RFrameRate.IsZero && AvgFrameRate != RFrameRate;

    /// <summary>The rate to count frames with: avg_frame_rate when known, else r_frame_rate.</summary>
    public Rational FrameRate => AvgFrameRate.IsPositive ? AvgFrameRate : RFrameRate;

    public bool HasSquarePixels => SampleAspectRatio == Rational.One;
}