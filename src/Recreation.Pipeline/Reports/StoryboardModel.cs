using Recreation.Media.Frames;
using Recreation.Pipeline.Ledger;

namespace Recreation.Pipeline.Reports;

/// <summary>Everything a run's storyboard page shows, measured and decided; the page only lays it out.</summary>
/// <param name="VideoHref">The finished video as a URL relative to the page (the page is in the workspace), or null before it exists.</param>
internal sealed record Storyboard(
    string Title,
    string Backend,
    string? OutputPath,
    string? VideoHref,
    double DurationSeconds,
    double ElapsedSeconds,
    decimal EstimatedUsd,
    decimal SpentUsd,
    string? StitchReason,
    IReadOnlyList<PaletteColor> PlannedPalette,
    IReadOnlyList<(string SceneId, TimeSpan Start)> SceneStarts,
    IReadOnlyList<ClipCard> Cards,
    Comparison? Comparison);

/// <summary>One clip's card.</summary>
/// <param name="Thumbnails">First, middle and last frame as JPEG (null where none could be made).</param>
/// <param name="Drift">ΔE₀₀ of the measured colours from the planned palette (<see cref="PaletteDistance.Drift"/>), or null when either is unknown.</param>
internal sealed record ClipCard(
    string ClipId,
    string SceneId,
    int Shot,
    int Shots,
    ClipState State,
    int SecondsGenerated,
    double SecondsUsed,
    decimal EstimatedUsd,
    decimal SpentUsd,
    decimal EarlierSpentUsd,
    bool CacheHit,
    int Takes,
    int? SelectedTake,
    string? Error,
    IReadOnlyList<PromptSpan> Prompt,
    IReadOnlyList<byte[]?> Thumbnails,
    IReadOnlyList<PaletteColor> MeasuredPalette,
    double? Drift,
    string? MeasureProblem)
{
    public bool Drifted => Drift > PaletteDistance.DriftThreshold;
}

/// <summary>A piece of a prompt, and whether it is a character anchor or a palette colour.</summary>
internal sealed record PromptSpan(string Text, PromptSpanKind Kind);

internal enum PromptSpanKind
{
    Plain,
    Anchor,
    Palette,
}

/// <summary>The recreation against the reference it was drafted from (scenes with <c>reference_shot</c>).</summary>
/// <param name="ReferenceVideo">The reference's path as the scene file records it, or null.</param>
/// <param name="Fps">The output's frame rate, for timing errors in frames.</param>
internal sealed record Comparison(string? ReferenceVideo, string? OutputPath, int Fps, IReadOnlyList<ComparisonRow> Rows);

/// <summary>One shot: the reference keyframe beside the recreated frame at the same place in the shot.</summary>
/// <param name="TimingError">Where the recreated scene starts minus where the reference shot starts.</param>
/// <param name="PaletteDistance">ΔE₀₀ between the two frames' palettes (<see cref="Media.Frames.PaletteDistance.Between"/>), or null.</param>
internal sealed record ComparisonRow(
    string SceneId,
    TimeSpan ReferenceStart,
    TimeSpan ReferenceEnd,
    TimeSpan RecreatedStart,
    TimeSpan TimingError,
    byte[]? ReferenceFrame,
    byte[]? RecreatedFrame,
    IReadOnlyList<PaletteColor> ReferencePalette,
    IReadOnlyList<PaletteColor> RecreatedPalette,
    double? PaletteDistance,
    string? Problem);