namespace Recreation.Core.Model;

/// <summary>The finished video (<c>output:</c>). <see cref="Path"/> is absolute.</summary>
/// <param name="Loudness">Integrated loudness target in LUFS; null leaves audio levels alone.</param>
/// <param name="Fade">Fade from and to black at the very start and end; null for none.</param>
/// <param name="TrimHead">What to cut from every clip's start; null for nothing.</param>
public sealed record OutputSettings(
    string Path,
    FrameSize Size,
    Fit Fit,
    int Fps,
    decimal? Loudness,
    TransitionSpec Transition,
    Captions Captions,
    MusicSettings? Music,
    FadeSettings? Fade = null,
    TrimHeadSetting? TrimHead = null);