namespace Recreation.Media.Processes;

/// <summary>
/// One run of ffmpeg or ffprobe: its arguments and how the runner should treat it. Immutable;
/// change it through <c>with</c> copies.
/// </summary>
public sealed record MediaCommand(MediaTool Tool, IReadOnlyList<string> Arguments)
{
    /// <summary>What the run does, for messages: "conforming 'clip.mp4'".</summary>
    public string Purpose { get; init; } = "processing media";

    /// <summary>ffmpeg's -loglevel; "error" keeps stderr to what went wrong. loudnorm's JSON needs "info".</summary>
    public string LogLevel { get; init; } = "error";

    /// <summary>The duration ffmpeg is expected to write; progress is out_time / this. Also bounds a runaway.</summary>
    public TimeSpan? ExpectedDuration { get; init; }

    /// <summary>Receives 0..1; 1 only once ffmpeg said progress=end and exited with 0.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>A file the run writes; it is deleted when the run fails or is cancelled.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Keep stdout as bytes (e.g. -f rawvideo -); progress is not parsed then.</summary>
    public bool CaptureBinaryOutput { get; init; }

    /// <summary>
    /// Reads stdout as it arrives (e.g. raw frames from <c>-f rawvideo -</c>) instead of keeping it:
    /// memory stays bounded however long the input. Progress is not parsed then. When the reader
    /// throws, ffmpeg is stopped and the reader's exception is rethrown.
    /// </summary>
    public Func<Stream, CancellationToken, Task>? StandardOutputReader { get; init; }

    /// <summary>stdout carries data (kept or streamed), so ffmpeg's progress cannot go there.</summary>
    internal bool UsesStandardOutputForData => CaptureBinaryOutput || StandardOutputReader is not null;

    /// <summary>Called with every stderr line as it arrives (the result keeps only a bounded tail), e.g. to read showinfo's output.</summary>
    public Action<string>? StandardErrorLine { get; init; }

    /// <summary>What to do when the run fails; a general hint is used when null.</summary>
    public string? FailureHint { get; init; }

    public static MediaCommand FFmpeg(IReadOnlyList<string> arguments, string purpose)
    {
        return new MediaCommand(MediaTool.FFmpeg, arguments) { Purpose = purpose };
    }

    public static MediaCommand FFprobe(IReadOnlyList<string> arguments, string purpose)
    {
        return new MediaCommand(MediaTool.FFprobe, arguments) { Purpose = purpose };
    }

    public MediaCommand WithProgress(IProgress<double>? progress, TimeSpan expectedDuration)
    {
        return this with { Progress = progress, ExpectedDuration = expectedDuration };
    }
}