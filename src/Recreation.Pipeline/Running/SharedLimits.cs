using System.Collections.Concurrent;

namespace Recreation.Pipeline.Running;

/// <summary>
/// Limits that every run of one process takes from, so that many runs at once (a batch) neither
/// oversubscribe the CPU nor a provider's account:
/// <list type="bullet">
/// <item><see cref="FfmpegProcesses"/>: ffmpeg processes for media steps at once across all runs
/// (<see cref="MediaSlots"/>) — each download's decode check, each conform, each placeholder
/// render, each stitch and each report's measuring holds one slot while it runs, a big encode
/// (more than a second of 1080p) two (a stitch may run its soundtrack beside its picture inside
/// its slots);</item>
/// <item>a generation concurrency per provider, by the provider's name (e.g. <c>openai</c>): jobs
/// in flight at once on that provider across all runs, on top of each run's own
/// <c>target.concurrency</c>.</item>
/// </list>
/// One <c>recreate run</c> gets its own (as many media slots as cores, no provider limit beyond its concurrency).
/// </summary>
public sealed class SharedLimits
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _providers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Func<string, int?> _providerConcurrency;

    /// <param name="ffmpegProcesses">Media slots across all runs (at least 1): short steps at once, or half as many big encodes.</param>
    /// <param name="providerConcurrency">Jobs in flight at once per provider name; null = no limit beyond each run's own.</param>
    public SharedLimits(int ffmpegProcesses, Func<string, int?>? providerConcurrency = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ffmpegProcesses, 1);
        FfmpegProcesses = ffmpegProcesses;
        Media = new MediaSlots(ffmpegProcesses);
        _providerConcurrency = providerConcurrency ?? (_ => null);
    }

    /// <summary>
    /// Media slots on this machine: one per core, so short steps (mostly ffmpeg's single-threaded
    /// start-up) use every core while big encodes, two slots each, stay at half the cores as before.
    /// </summary>
    public static int DefaultFfmpegProcesses => Math.Max(1, Environment.ProcessorCount);

    public int FfmpegProcesses { get; }

    /// <summary>The slots media steps take.</summary>
    internal MediaSlots Media { get; }

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