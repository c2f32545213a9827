using Recreation.Media.Frames;

namespace Recreation.Media.Analysis;

/// <summary>What <see cref="VideoAnalyzer"/> found in a video: its shots and its overall look and sound.</summary>
/// <param name="Width">Display width (rotation applied).</param>
/// <param name="FrameCount">Frames decoded.</param>
/// <param name="LoudnessLufs">Integrated EBU R128 loudness of the first audio stream; null without sound or when silent.</param>
public sealed record VideoAnalysis(
    string Path,
    int Width,
    int Height,
    Rational FrameRate,
    TimeSpan Duration,
    int FrameCount,
    IReadOnlyList<PaletteColor> Palette,
    bool HasAudio,
    double? LoudnessLufs,
    IReadOnlyList<Shot> Shots);