namespace Recreation.Core.Planning;

/// <summary>A rule that needs the scene in more than one clip: <c>max_clip_seconds</c>, <c>max_interactions_per_clip</c> or <c>max_people_per_clip</c>.</summary>
public sealed record SplitReason(string Rule, int ClipsNeeded, string Detail);