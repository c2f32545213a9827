using System.Collections.Concurrent;

namespace Recreation.Pipeline.Running;

/// <summary>
/// Limits that every run of one process takes from, so that many runs at once (a batch) neither
/// oversubscribe the CPU nor a provider's account:
/// <list type="bullet">
/// <item><see cref="FfmpegProcesses"/>: local media work at once across all runs — each conform,
/// each placeholder render and each stitch holds one slot while it runs (a stitch may run its
/// soundtrack beside its picture inside that slot);</item>
/// <item>a generation concurrency per provider, by the provider's name (e.g. <c>openai</c>): jobs
/// in flight at once on that provider across all runs, on top of each run's own
/// <c>target.concurrency</c>.</item>
/// </list>
/// One <c>recreate run</c> gets its own (half the cores for media, no provider limit beyond its concurrency).
/// </summary>
public sealed class SharedLimits
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _providers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, int?> _providerConcurrency;

    /// <param name="ffmpegProcesses">Media steps at once across all runs (at least 1).</param>
    /// <param name="providerConcurrency">Jobs in flight at once per provider name; null = no limit beyond each run's own.</param>
    public SharedLimits(int ffmpegProcesses, Func<string, int?>? providerConcurrency = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ffmpegProcesses, 1);
        FfmpegProcesses = ffmpegProcesses;
        Media = new SemaphoreSlim(ffmpegProcesses);
        _providerConcurrency = providerConcurrency ?? (_ => null);
    }

    /// <summary>Media steps at once for one run on this machine: half the cores, at least one (as before batches existed).</summary>
    public static int DefaultFfmpegProcesses => Math.Max(1, Environment.ProcessorCount / 2);

    public int FfmpegProcesses { get; }

    /// <summary>The slots media steps take.</summary>
    internal SemaphoreSlim Media { get; }

    /// <summary>The slots of one provider, or null when it has no shared limit.</summary>
    internal SemaphoreSlim? Provider(string name) =>
        _providerConcurrency(name) is { } limit
            ? _providers.GetOrAdd(name, _ => new SemaphoreSlim(Math.Max(1, limit)))
            : null;

    /// <summary>The largest number of jobs <paramref name="name"/> may have in flight at once, or null.</summary>
    public int? ProviderConcurrency(string name) => _providerConcurrency(name);

    /// <summary>Runs <paramref name="work"/> holding one slot of <paramref name="slots"/> (none when null).</summary>
    internal static async Task<T> WithSlotAsync<T>(SemaphoreSlim? slots, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (slots is null)
        {
            return await work();
        }

        await slots.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            slots.Release();
        }
    }
}