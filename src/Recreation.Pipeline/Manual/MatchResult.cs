namespace Recreation.Pipeline.Manual;

public sealed record MatchResult(IReadOnlyList<ClipMatch> Matches, IReadOnlyList<UnmatchedFile> Unmatched);