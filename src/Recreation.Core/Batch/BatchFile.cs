namespace Recreation.Core.Batch;

/// <summary>A loaded batch file: its items (folders already expanded) and its batch budget, if it sets one.</summary>
public sealed record BatchFile(string Path, IReadOnlyList<BatchItem> Items, decimal? MaxCostUsd);