namespace Recreation.Media.Analysis;

/// <summary>The frame numbers that show a shot best: its first, middle and last frame outside any transition.</summary>
public sealed record ShotKeyframes(int First, int Middle, int Last);