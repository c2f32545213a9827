using System.Diagnostics;

using Recreation.Pipeline.Batch;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Batch;

[CancelAfter(30_000)]
public class SharedClipCacheSpecs
{
    private const string Key = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly CacheTimings Quick = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(20));

    [Test]
    public async Task A_clip_two_runs_need_is_claimed_by_one_and_the_other_waits_and_takes_the_file(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        // Staleness is not what this spec is about: with Quick's 400 ms, a loaded machine that delays
        // the owner's 50 ms heartbeat past it lets the second take the claim over (a CI failure).
        var patient = Quick with { StaleAfter = TimeSpan.FromSeconds(10) };
        var first = new SharedClipCache(temp.File("cache"), patient);
        var second = new SharedClipCache(temp.File("cache"), patient);

        await using var owner = await first.AcquireAsync(Key, temp.File("a/clip.mp4"), cancellationToken);
        var waiting = second.AcquireAsync(Key, temp.File("b/clip.mp4"), cancellationToken);
        await Task.Delay(300, cancellationToken);
        Assert.That(owner.Hit, Is.False, "the first one generates");
        Assert.That(waiting.IsCompleted, Is.False, "the second waits while the claim is held (and beaten)");

        Directory.CreateDirectory(temp.File("a"));
        await File.WriteAllBytesAsync(temp.File("a/clip.mp4"), [1, 2, 3, 4], cancellationToken);
        await owner.PublishAsync(temp.File("a/clip.mp4"), cancellationToken);
        await owner.DisposeAsync();

        await using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        Assert.That(taken.Hit, Is.True);
        Assert.That(await File.ReadAllBytesAsync(temp.File("b/clip.mp4"), cancellationToken), Is.EqualTo(new byte[] { 1, 2, 3, 4 }));
        Assert.That(Directory.EnumerateFiles(temp.File("cache"), "*", SearchOption.AllDirectories).Select(Path.GetFileName), Is.EqualTo(new[] { Key + ".mp4" }), "no claim or temp file is left behind");
    }

    [Test]
    public async Task A_claim_whose_owner_stopped_beating_is_taken_over_after_the_stale_timeout(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var cache = new SharedClipCache(temp.File("cache"), Quick);
        var claim = temp.File($"cache/claims/{Key}.claim");
        await File.WriteAllTextAsync(claim, $$"""{"owner":"other-host:1:abc","heartbeat":"{{DateTimeOffset.UtcNow:O}}"}""", cancellationToken);

        var watch = Stopwatch.StartNew();
        await using var lease = await cache.AcquireAsync(Key, temp.File("clip.mp4"), cancellationToken);

        Assert.That(lease.Hit, Is.False, "it now owns the claim");
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(350)), "it waited for the claim to go stale");
        Assert.That(await File.ReadAllTextAsync(claim, cancellationToken), Does.Contain(cache.Owner));
    }

    [Test]
    public async Task A_claim_of_a_process_of_this_machine_that_is_gone_is_taken_over_at_once(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var cache = new SharedClipCache(temp.File("cache"), Quick with { StaleAfter = TimeSpan.FromMinutes(5) });
        using var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await gone.WaitForExitAsync(cancellationToken);
        await File.WriteAllTextAsync(temp.File($"cache/claims/{Key}.claim"), $$"""{"owner":"{{Environment.MachineName}}:{{gone.Id}}:abc","heartbeat":"{{DateTimeOffset.UtcNow:O}}"}""", cancellationToken);

        await using var lease = await cache.AcquireAsync(Key, temp.File("clip.mp4"), cancellationToken).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);

        Assert.That(lease.Hit, Is.False);
    }

    [Test]
    public async Task A_claim_let_go_without_a_file_goes_to_the_next_run_that_needs_it(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        // Staleness is not what this spec is about: with Quick's 400 ms, a loaded machine that delays
        // the owner's 50 ms heartbeat past it lets the second take the claim over (a CI failure).
        var patient = Quick with { StaleAfter = TimeSpan.FromSeconds(10) };
        var first = new SharedClipCache(temp.File("cache"), patient);
        var second = new SharedClipCache(temp.File("cache"), patient);

        var failed = await first.AcquireAsync(Key, temp.File("a.mp4"), cancellationToken);
        var waiting = second.AcquireAsync(Key, temp.File("b.mp4"), cancellationToken);
        await failed.DisposeAsync(); // its run failed: nothing published

        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        Assert.That(next.Hit, Is.False, "the second now generates it");
        Assert.That(File.Exists(temp.File("b.mp4")), Is.False);
    }
}