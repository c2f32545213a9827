using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Recreation.Pipeline.Batch;

/// <summary>
/// Generated clips shared by every run and every shard that names the same folder (e.g. a volume
/// mounted on every machine): <c>clips/&lt;cache key&gt;.mp4</c>, written to a temporary name and
/// renamed into place, so a reader sees a whole file or none. A clip is generated once: whoever
/// needs it first creates <c>claims/&lt;cache key&gt;.claim</c> exclusively (O_EXCL), holding its
/// owner and a heartbeat time it rewrites every <see cref="CacheTimings.Heartbeat"/>; the others wait
/// and take the cached file when it lands. A claim whose heartbeat is older than
/// <see cref="CacheTimings.StaleAfter"/> (its owner died), or whose owner is a dead process on this
/// machine, is broken and taken over; a claim let go without a file (its run failed) is taken by
/// the next who needs it.
/// Assumptions about the shared storage, written down: creating a file with O_EXCL fails when it
/// exists and renaming within one folder is atomic (true of local disks and NFSv3+; not of every
/// object-store mount), and the machines' clocks agree within much less than StaleAfter.
/// </summary>
public sealed class SharedClipCache
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SharedClipCache(string folder, CacheTimings? timings = null, TimeProvider? time = null, ILogger? logger = null)
    {
        Folder = Path.GetFullPath(folder);
        Timings = timings ?? new CacheTimings();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        Directory.CreateDirectory(ClipsFolder);
        Directory.CreateDirectory(ClaimsFolder);
        Owner = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
    }

    public string Folder { get; }

    public CacheTimings Timings { get; }

    /// <summary>Who this process is in the claims it writes: machine, process id and a random part.</summary>
    public string Owner { get; }

    private string ClipsFolder => Path.Combine(Folder, "clips");

    private string ClaimsFolder => Path.Combine(Folder, "claims");

    public string ClipPath(string cacheKey) => Path.Combine(ClipsFolder, cacheKey + ".mp4");

    private string ClaimPath(string cacheKey) => Path.Combine(ClaimsFolder, cacheKey + ".claim");

    /// <summary>
    /// Gets the clip <paramref name="cacheKey"/> for a run: when the cache has it, it is copied to
    /// <paramref name="destination"/> (<see cref="ClipLease.Hit"/>); otherwise this caller gets the
    /// claim to generate it (not <see cref="ClipLease.Hit"/>), after waiting for anyone else who holds it.
    /// </summary>
    public async Task<ClipLease> AcquireAsync(string cacheKey, string destination, CancellationToken cancellationToken = default)
    {
        var waited = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (File.Exists(ClipPath(cacheKey)))
            {
                await CopyAsync(ClipPath(cacheKey), destination, cancellationToken);
                _logger.LogInformation("Clip {CacheKey}: taken from the shared cache {Folder}", cacheKey[..12], Folder);
                return new ClipLease(this, cacheKey, null);
            }

            if (TryClaim(cacheKey) is { } claim)
            {
                // The clip may have landed between the look and the claim.
                if (File.Exists(ClipPath(cacheKey)))
                {
                    await claim.DisposeAsync();
                    continue;
                }

                return new ClipLease(this, cacheKey, claim);
            }

            var holder = ReadClaim(ClaimPath(cacheKey));
            if (holder is not null && IsStale(holder))
            {
                Break(cacheKey, holder);
                continue;
            }

            if (!waited)
            {
                _logger.LogInformation("Clip {CacheKey}: {Owner} is generating it; waiting for the shared cache", cacheKey[..12], holder?.Owner ?? "another run");
                waited = true;
            }

            await Task.Delay(Timings.Poll, _time, cancellationToken);
        }
    }

    /// <summary>Puts a clip this process has into the cache, unless it is there already.</summary>
    public async Task OfferAsync(string cacheKey, string source, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(ClipPath(cacheKey)) && File.Exists(source))
        {
            await CopyAsync(source, ClipPath(cacheKey), cancellationToken);
        }
    }

    private ClaimHandle? TryClaim(string cacheKey)
    {
        var path = ClaimPath(cacheKey);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }

        var handle = new ClaimHandle(this, path, stream);
        handle.Beat();
        return handle;
    }

    private bool IsStale(ClaimRecord holder)
    {
        if (_time.GetUtcNow() - holder.Heartbeat > Timings.StaleAfter)
        {
            return true;
        }

        // A process of this machine that is gone will not beat again: no need to wait out the timeout.
        var parts = holder.Owner.Split(':');
        return parts.Length == 3
            && parts[0] == Environment.MachineName
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && !IsAlive(pid);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void Break(string cacheKey, ClaimRecord holder)
    {
        // Renaming is atomic: of several who find the claim stale, one moves it aside; the others
        // find it gone (or a fresh claim) on their next look.
        var path = ClaimPath(cacheKey);
        var aside = $"{path}.stale-{Guid.NewGuid():N}";
        try
        {
            File.Move(path, aside);
        }
        catch (IOException)
        {
            return;
        }

        // Only if it is still the stale one we read (an owner may have beaten just now).
        var moved = ReadClaim(aside);
        if (moved is not null && moved.Owner != holder.Owner)
        {
            try
            {
                File.Move(aside, path);
            }
            catch (IOException)
            {
                // Someone claimed in between: theirs stands, the moved one is dropped below.
            }
        }

        File.Delete(aside);
        _logger.LogWarning("Clip {CacheKey}: the claim of {Owner} went stale (last heartbeat {Heartbeat:O}); taking it over", cacheKey[..12], holder.Owner, holder.Heartbeat);
    }

    private static ClaimRecord? ReadClaim(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return JsonSerializer.Deserialize<ClaimRecord>(stream, Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // Gone, or being rewritten by its owner this instant: look again on the next round.
            return null;
        }
    }

    private async Task CopyAsync(string source, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temp = $"{destination}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete))
            await using (var to = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await from.CopyToAsync(to, cancellationToken);
                to.Flush(flushToDisk: true);
            }

            File.Move(temp, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private sealed record ClaimRecord(string Owner, DateTimeOffset Heartbeat);

    /// <summary>An exclusive claim on one cache key: its file, rewritten with a fresh heartbeat until released.</summary>
    internal sealed class ClaimHandle : IAsyncDisposable
    {
        private readonly SharedClipCache _cache;
        private readonly string _path;
        private readonly FileStream _stream;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _beating;

        public ClaimHandle(SharedClipCache cache, string path, FileStream stream)
        {
            _cache = cache;
            _path = path;
            _stream = stream;
            _beating = BeatAsync();
        }

        public void Beat()
        {
            lock (_stream)
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(new ClaimRecord(_cache.Owner, _cache._time.GetUtcNow()), Json);
                _stream.SetLength(0);
                _stream.Position = 0;
                _stream.Write(bytes);
                _stream.Flush(flushToDisk: true);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _beating.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            lock (_stream)
            {
                // Let go only of our own claim (a stale-breaker may have replaced it).
                if (ReadClaim(_path)?.Owner == _cache.Owner)
                {
                    File.Delete(_path);
                }

                _stream.Dispose();
            }

            _stop.Dispose();
        }

        private async Task BeatAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(_cache.Timings.Heartbeat, _cache._time, _stop.Token);
                Beat();
            }
        }
    }
}