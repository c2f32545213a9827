using Recreation.Pipeline.Ledger;

namespace Recreation.Pipeline.Running;

/// <summary>One line of the run summary.</summary>
public sealed record ClipOutcome(string ClipId, ClipState State, int Seconds, decimal EstimatedUsd, decimal SpentUsd, bool CacheHit, bool ConformCacheHit, TimeSpan Elapsed, string? Error);