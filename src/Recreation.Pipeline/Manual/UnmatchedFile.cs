namespace Recreation.Pipeline.Manual;

/// <summary>A file that was not placed, and why (the ambiguity is reported, never guessed).</summary>
public sealed record UnmatchedFile(CandidateFile File, string Reason);