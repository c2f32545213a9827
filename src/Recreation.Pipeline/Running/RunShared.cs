using Recreation.Generation;
using Recreation.Pipeline.Ledger;

namespace Recreation.Pipeline.Running;

/// <summary>How a run uses the shared clip cache (<c>--cache</c>) around one clip's generation.</summary>
internal static class RunShared
{
    /// <summary>
    /// Runs <paramref name="generate"/> for a clip with the shared cache in front of it: a clip the
    /// workspace lacks is taken from the cache, or claimed there (waiting while another run or
    /// machine generates it) and published once generated. Without a cache, with <c>--force</c> or
    /// on the manual backend, it just generates.
    /// </summary>
    public static async Task<ClipRecord> WithSharedCacheAsync(RunContext context, ClipRequest request, bool manual, Func<Task<ClipRecord>> generate, CancellationToken cancellationToken)
    {
        if (context.Cache is not { } cache || manual)
        {
            return await generate();
        }

        var local = Path.Combine(context.Workspace.ClipsFolder, request.CacheKey + ".mp4");
        if (File.Exists(local) && !context.Force)
        {
            var cached = await generate();
            await cache.OfferAsync(request.CacheKey, local, cancellationToken);
            return cached;
        }

        var lease = context.Force ? null : await cache.AcquireAsync(request.CacheKey, local, cancellationToken);
        try
        {
            var record = await generate();
            if (record is { CacheHit: false, File: { } file } && file == context.Workspace.Relative(local))
            {
                if (lease is not null)
                {
                    await lease.PublishAsync(local, cancellationToken);
                }
                else
                {
                    await cache.OfferAsync(request.CacheKey, local, cancellationToken);
                }
            }

            return record;
        }
        finally
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
        }
    }
}