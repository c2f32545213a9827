namespace Recreation.Core.Model;

/// <summary>The finished video (<c>output:</c>). <see cref="Path"/> is absolute.</summary>
/// <param name="Loudness">Integrated loudness target in LUFS; null leaves audio levels alone.</param>
public sealed record OutputSettings(
    string Path,
    FrameSize Size,
    Fit Fit,
    int Fps,
    decimal? Loudness,
    TransitionSpec Transition,
    Captions Captions,
    MusicSettings? Music);