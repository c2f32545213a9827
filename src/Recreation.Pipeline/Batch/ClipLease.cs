namespace Recreation.Pipeline.Batch;

/// <summary>
/// What <see cref="SharedClipCache.AcquireAsync"/> gave a run for one clip: the cached file (a hit),
/// or the claim to generate it, to be published and then released (disposing releases it).
/// </summary>
public sealed class ClipLease : IAsyncDisposable
{
    private readonly SharedClipCache _cache;
    private readonly string _cacheKey;
    private SharedClipCache.ClaimHandle? _claim;

    internal ClipLease(SharedClipCache cache, string cacheKey, SharedClipCache.ClaimHandle? claim)
    {
        _cache = cache;
        _cacheKey = cacheKey;
        _claim = claim;
        Hit = claim is null;
    }

    /// <summary>The clip came from the cache: it is at the destination, nothing is to be generated.</summary>
    public bool Hit { get; }

    /// <summary>Puts the generated clip into the cache for everyone waiting for it.</summary>
    public Task PublishAsync(string file, CancellationToken cancellationToken = default) =>
        _cache.OfferAsync(_cacheKey, file, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_claim is { } claim)
        {
            _claim = null;
            await claim.DisposeAsync();
        }
    }
}