namespace Recreation.Pipeline.Batch;

/// <summary>How the shared clip cache's claims are kept alive and when one counts as abandoned.</summary>
/// <param name="Heartbeat">How often the owner of a claim rewrites its time (default 10 s).</param>
/// <param name="StaleAfter">A claim not rewritten for this long is taken over (default 2 minutes).</param>
/// <param name="Poll">How often a run waiting for another's clip looks again (default 1 s).</param>
public sealed record CacheTimings(TimeSpan Heartbeat, TimeSpan StaleAfter, TimeSpan Poll)
{
    public CacheTimings()
        : this(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1))
    {
    }
}