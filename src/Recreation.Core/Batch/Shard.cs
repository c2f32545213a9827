using System.Globalization;

namespace Recreation.Core.Batch;

/// <summary>
/// A slice of a batch: shard <see cref="Index"/> of <see cref="Count"/> (0 ≤ Index &lt; Count, as
/// Kubernetes numbers an Indexed Job's pods). Item k of the batch's sorted item list (by id) belongs
/// to shard k mod Count, so the shards are disjoint, cover every item, differ in size by at most one,
/// and agree on every machine given the same items — no coordinator needed.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The environment variable Kubernetes sets in each pod of an Indexed Job.</summary>
    public const string IndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>The environment variable <c>--shard auto</c> reads the shard count from when <c>--shard-count</c> is not given.</summary>
    public const string CountVariable = "RECREATION_SHARD_COUNT";

    public static Shard All { get; } = new(0, 1);

    public bool Contains(int itemIndex) => itemIndex % Count == Index;

    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> sortedItems) => sortedItems.Where((_, i) => Contains(i)).ToList();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>
    /// Parses <c>I/N</c>, or <c>auto</c>: the index from <c>JOB_COMPLETION_INDEX</c> and the count
    /// from <paramref name="count"/> (<c>--shard-count</c>) or <c>RECREATION_SHARD_COUNT</c>.
    /// </summary>
    /// <exception cref="RecreationException">The value or the environment is not usable (exit code 2), with what to write instead.</exception>
    public static Shard Parse(string text, int? count, Func<string, string?> environment)
    {
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            var index = environment(IndexVariable);
            if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
            {
                throw Usage($"--shard auto reads the shard index from {IndexVariable} (set by a Kubernetes Indexed Job), but it is {(index is null ? "not set" : $"'{index}'")}; pass --shard I/N instead");
            }

            var countText = count?.ToString(CultureInfo.InvariantCulture) ?? environment(CountVariable);
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                throw Usage($"--shard auto needs the number of shards: pass --shard-count N (the Job's completions) or set {CountVariable}");
            }

            return Checked(i, n, $"{IndexVariable}={i}, count {n}");
        }

        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index2)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count2))
        {
            return Checked(index2, count2, text);
        }

        throw Usage($"--shard must be I/N (e.g. 0/3, the first of three shards) or auto, not '{text}'");
    }

    private static Shard Checked(int index, int count, string written) =>
        count >= 1 && index >= 0 && index < count
            ? new Shard(index, count)
            : throw Usage($"--shard {written}: the index must be from 0 to N-1 and N at least 1");

    private static RecreationException Usage(string message) => new(message, ExitCodes.InvalidInput);
}