namespace Recreation.Pipeline.Manual;

public sealed record ClipMatch(string ClipId, CandidateFile File, MatchRule Rule);