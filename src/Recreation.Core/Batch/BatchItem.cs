using Recreation.Core.Model;

namespace Recreation.Core.Batch;

/// <summary>
/// One scene file of a batch with its overrides. <see cref="Id"/> is the item's name in summaries
/// and what sharding orders by: the <c>id:</c> the batch file gives it, else the scene file's path
/// relative to where it was named from (the batch file's folder, or the current folder for files and
/// folders on the command line), with '/' separators.
/// </summary>
/// <param name="ScenePath">The scene file's full path.</param>
/// <param name="OutputPath">Where the video goes instead of the scene's <c>output.path</c> (full path), or null.</param>
/// <param name="Backend">Overrides <c>target.backend</c> (a registered provider name, as registered), or null.</param>
/// <param name="Concurrency">Overrides <c>target.concurrency</c>, or null.</param>
/// <param name="MaxCostUsd">This item's own budget (its workspace), overriding <c>target.max_cost_usd</c>, or null.</param>
/// <param name="Source">Where the item was named, for messages: <c>batch.yaml:7:5</c> or the command-line argument.</param>
public sealed record BatchItem(
    string Id,
    string ScenePath,
    string? OutputPath = null,
    string? Backend = null,
    int? Concurrency = null,
    decimal? MaxCostUsd = null,
    string Source = "");