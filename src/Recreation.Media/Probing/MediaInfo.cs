namespace Recreation.Media.Probing;

/// <summary>
/// What ffprobe says about a file, typed. <see cref="Video"/> and <see cref="Audio"/> are the
/// first video stream (cover art excluded) and the first audio stream, null when absent.
/// </summary>
public sealed record MediaInfo(
    string Path,
    string FormatName,
    TimeSpan Duration,
    TimeSpan StartTime,
    long SizeBytes,
    long? BitRate,
    VideoStreamInfo? Video,
    AudioStreamInfo? Audio,
    int VideoStreamCount,
    int AudioStreamCount)
{
    public bool HasVideo => Video is not null;

    public bool HasAudio => Audio is not null;

    /// <summary>Matroska or WebM (whose streams carry their duration in a DURATION tag).</summary>
    public bool IsMatroska => FormatName.Contains("matroska", StringComparison.Ordinal) || FormatName.Contains("webm", StringComparison.Ordinal);

    /// <summary>The video stream's duration when known, else the container's.</summary>
    public TimeSpan VideoDuration => Video?.Duration ?? Duration;
}