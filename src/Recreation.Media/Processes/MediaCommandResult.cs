namespace Recreation.Media.Processes;

/// <summary>
/// A finished run. <see cref="StandardOutput"/> is the text of stdout (empty for ffmpeg runs,
/// whose stdout carries progress); <see cref="BinaryOutput"/> holds stdout when the command asked
/// for bytes; <see cref="StandardError"/> is the bounded tail of stderr; <see cref="FramesWritten"/>
/// is the video frame count ffmpeg reported at the end (null for ffprobe and binary-output runs).
/// </summary>
public sealed record MediaCommandResult(
    string CommandLine,
    int ExitCode,
    string StandardOutput,
    ReadOnlyMemory<byte> BinaryOutput,
    string StandardError,
    TimeSpan Elapsed,
    long? FramesWritten);