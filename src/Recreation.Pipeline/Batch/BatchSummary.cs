using System.Text.Json;
using System.Text.Json.Serialization;

using Recreation.Core;
using Recreation.Media.Files;
using Recreation.Pipeline.Running;

namespace Recreation.Pipeline.Batch;

/// <summary>
/// <c>batch-summary.json</c>: one batch (or one shard of it) — which shard, the budget, the totals
/// and one row per item. <c>recreate batch report</c> merges several into one (<see cref="Merge"/>).
/// </summary>
/// <param name="Shards">The shards this summary covers, as <c>I/N</c> (one for a shard's own summary, several once merged).</param>
/// <param name="ItemsInBatch">Items in the whole batch before sharding.</param>
/// <param name="ExitCode">The batch's exit code (see <see cref="BatchItemResult.BatchExitCode"/>).</param>
public sealed record BatchSummary(
    int Version,
    IReadOnlyList<string> Shards,
    int ItemsInBatch,
    DateTimeOffset StartedAt,
    double ElapsedSeconds,
    int ExitCode,
    decimal? MaxCostUsd,
    decimal EstimatedUsd,
    decimal SpentUsd,
    IReadOnlyList<BatchItemResult> Items)
{
    public const string FileName = "batch-summary.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public static BatchSummary Create(IReadOnlyList<string> shards, int itemsInBatch, DateTimeOffset startedAt, TimeSpan elapsed, decimal? maxCostUsd, IReadOnlyList<BatchItemResult> items) =>
        new(1, shards, itemsInBatch, startedAt, elapsed.TotalSeconds, BatchItemResult.BatchExitCode(items), maxCostUsd,
            items.Sum(i => i.EstimatedUsd), items.Sum(i => i.SpentUsd), items.OrderBy(i => i.Id, StringComparer.Ordinal).ToList());

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes the summary whole or not at all (<see cref="AtomicFile"/>); a folder that cannot be written is the user's to fix (exit 2).</summary>
    public Task WriteAsync(string folder, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAllTextAsync(Path.Combine(folder, FileName), ToJson() + "\n", cancellationToken);

    /// <summary>Reads a <c>batch-summary.json</c>.</summary>
    /// <exception cref="RecreationException">Missing or not a batch summary (exit code 2).</exception>
    public static BatchSummary Read(string path)
    {
        try
        {
            var summary = JsonSerializer.Deserialize<BatchSummary>(File.ReadAllText(path), Json);
            return summary is { Version: 1, Items: not null, Shards: not null }
                ? summary
                : throw new RecreationException($"{path} is not a batch summary of version 1 (written by 'recreate batch').", ExitCodes.InvalidInput);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new RecreationException($"{path} cannot be read as a batch summary: {e.Message}", ExitCodes.InvalidInput, isFatal: false, e);
        }
    }

    /// <summary>
    /// The summaries of a batch's shards as one: every item once (when two summaries have the same
    /// item, the later one by its shard's start time wins — a shard run again), totals added up, the
    /// exit code worked out again, the wall time from the first start to the last end.
    /// </summary>
    public static BatchSummary Merge(IReadOnlyList<BatchSummary> summaries)
    {
        var ordered = summaries.OrderBy(s => s.StartedAt).ToList();
        var items = new Dictionary<string, BatchItemResult>(StringComparer.Ordinal);
        foreach (var summary in ordered)
        {
            foreach (var item in summary.Items)
            {
                items[item.Id] = item;
            }
        }

        var start = ordered.Count == 0 ? DateTimeOffset.UnixEpoch : ordered[0].StartedAt;
        var end = ordered.Count == 0 ? start : ordered.Max(s => s.StartedAt + TimeSpan.FromSeconds(s.ElapsedSeconds));
        var shards = ordered.SelectMany(s => s.Shards).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var budgets = ordered.Select(s => s.MaxCostUsd).OfType<decimal>().ToList();
        return Create(shards, ordered.Count == 0 ? 0 : ordered.Max(s => s.ItemsInBatch), start, end - start, budgets.Count == 0 ? null : budgets.Sum(), items.Values.ToList());
    }
}