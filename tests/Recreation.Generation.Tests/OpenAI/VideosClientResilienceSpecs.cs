using System.Diagnostics;

using Recreation.Generation.OpenAI;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenAI;

[CancelAfter(60_000)]
public class VideosClientResilienceSpecs
{
    [Test]
    public async Task A_429_is_waited_out_for_exactly_the_retry_after_seconds(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromSeconds(7)), FakeEndpoint.Create);

        var video = await rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-429", cancellationToken);

        Assert.That(rig.FakeTime.RequestedDelays, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }), "Retry-After replaces the backoff");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(2));
        Assert.That(rig.Server.Jobs.Single().Id, Is.EqualTo(video.Id));
    }

    [Test]
    public async Task A_retry_after_given_as_an_http_date_is_honoured(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromSeconds(30), asHttpDate: true), FakeEndpoint.List);

        await rig.Client.ListAsync(cancellationToken: cancellationToken);

        Assert.That(rig.FakeTime.RequestedDelays.Single().TotalSeconds, Is.InRange(29.0, 31.0));
    }

    [Test]
    public async Task A_429_is_waited_out_in_real_time_too(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(realTime: true, cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromSeconds(1)), FakeEndpoint.List);

        var clock = Stopwatch.StartNew();
        await rig.Client.ListAsync(cancellationToken: cancellationToken);

        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(950)));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.List), Is.EqualTo(2));
    }

    [Test]
    public async Task Server_errors_are_retried_with_growing_jittered_backoff_until_success(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults
            .Enqueue(FakeFault.ServerError(500), FakeEndpoint.Create)
            .Enqueue(FakeFault.ServerError(503), FakeEndpoint.Create)
            .Enqueue(FakeFault.ServerError(502), FakeEndpoint.Create);

        var video = await rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-500", cancellationToken);

        Assert.That(video.Status, Is.EqualTo("queued"));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(4));
        Assert.That(rig.Server.Requests.Select(r => r.IdempotencyKey), Is.All.EqualTo("clip-500"), "every attempt carries the same key");
        var delays = rig.FakeTime.RequestedDelays;
        Assert.That(delays, Has.Count.EqualTo(3).And.All.GreaterThan(TimeSpan.Zero).And.All.LessThanOrEqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(delays.Distinct().Count(), Is.EqualTo(3), "jitter: no two waits alike");
    }

    [Test]
    public async Task The_same_jitter_seed_gives_the_same_backoff(CancellationToken cancellationToken)
    {
        async Task<IReadOnlyList<TimeSpan>> DelaysAsync()
        {
            await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
            rig.Server.Faults.Enqueue(FakeFault.ServerError()).Enqueue(FakeFault.ServerError());
            await rig.Client.ListAsync(cancellationToken: cancellationToken);
            return rig.FakeTime.RequestedDelays;
        }

        Assert.That(await DelaysAsync(), Is.EqualTo(await DelaysAsync()));
    }

    [Test]
    public async Task Retries_give_up_after_the_configured_attempts_with_a_non_fatal_error(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.AddRule(_ => FakeFault.ServerError(503));
        var client = rig.NewClient(o => o.MaxRetryAttempts = 2);

        var error = Assert.ThrowsAsync<VideosApiException>(() => client.RetrieveAsync("video_abc", cancellationToken));

        Assert.That(error!.Message, Does.Contain("HTTP 503").And.Contain("Gave up after 3 attempts"));
        Assert.That((error.IsTransient, error.IsFatal), Is.EqualTo((true, false)));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Retrieve), Is.EqualTo(3));
    }

    [Test]
    public async Task A_refused_key_is_fatal_not_retried_says_what_to_fix_and_never_shows_the_key(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        const string wrongKey = "sk-proj-this-is-the-wrong-secret-key-1234567890";
        var client = rig.NewClient(o => o.ApiKey = wrongKey);

        var error = Assert.ThrowsAsync<VideosApiException>(() => client.CreateAsync(VideosApiRig.Tiny(), "clip-401", cancellationToken));

        Assert.That(error!.StatusCode, Is.EqualTo(401));
        Assert.That(error.IsFatal, Is.True);
        Assert.That(error.Message, Does.Contain("The API key was refused: check OPENAI_API_KEY"));
        Assert.That(error.Message, Does.Not.Contain(wrongKey).And.Not.Contain("wrong-secret"));
        Assert.That(error.ToString(), Does.Not.Contain(wrongKey));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(1));
        Assert.That(rig.Server.JobsCreated, Is.Zero);
    }

    [Test]
    public async Task A_forbidden_model_is_fatal_and_not_retried(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.Error(403, "model_not_found", "The model `sora-2-pro` does not exist or you do not have access to it."));

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-403", cancellationToken));

        Assert.That((error!.StatusCode, error.IsFatal, error.ErrorCode), Is.EqualTo((403, true, "model_not_found")));
        Assert.That(error.Message, Does.Contain("does not exist or you do not have access").And.Contain("permissions"));
        Assert.That(rig.Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_connection_dropped_after_the_job_was_created_is_retried_into_the_same_job(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.DropAfterHandling(), FakeEndpoint.Create);

        var (video, path) = await rig.GenerateAsync(VideosApiRig.Tiny(), "clip-dropped-after", cancellationToken);

        var creates = rig.Server.Requests.Where(r => r.Endpoint == FakeEndpoint.Create).ToList();
        Assert.That(creates, Has.Count.EqualTo(2));
        Assert.That(creates[0].StatusCode, Is.Zero, "the first answer never reached the client");
        Assert.That(creates.Select(r => r.IdempotencyKey), Is.All.EqualTo("clip-dropped-after"));
        Assert.That((rig.Server.JobsCreated, rig.Server.BilledSeconds), Is.EqualTo((1, 1)), "exactly one job, one charge");
        Assert.That(rig.Server.Jobs.Single().Id, Is.EqualTo(video.Id));
        Assert.That(File.Exists(path));
    }

    [Test]
    public async Task A_connection_dropped_before_the_job_was_created_is_retried(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.DropBeforeHandling(), FakeEndpoint.Create).Enqueue(FakeFault.DropBeforeHandling(), FakeEndpoint.Retrieve);

        var (video, _) = await rig.GenerateAsync(VideosApiRig.Tiny(), "clip-dropped-before", cancellationToken);

        Assert.That(video.IsCompleted);
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(1));
    }

    [Test]
    public async Task A_truncated_download_is_detected_and_fetched_again(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.TruncatedBody(0.3), FakeEndpoint.Content);

        var (_, path) = await rig.GenerateAsync(VideosApiRig.Tiny(seconds: 2), "clip-truncated", cancellationToken);

        var downloads = rig.Server.Requests.Where(r => r.Endpoint == FakeEndpoint.Content).ToList();
        Assert.That(downloads, Has.Count.EqualTo(2));
        Assert.That(downloads[0].Fault?.Kind, Is.EqualTo(FakeFaultKind.TruncatedBody));
        var info = await VideosApiRig.ProbeAsync(path, cancellationToken);
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(2).Within(0.1));
        Assert.That(rig.Temp.ListFiles(), Is.EqualTo(new[] { "clip-truncated.mp4" }), "the cut-off attempt left no partial file");
    }

    [Test]
    public async Task Expired_content_is_a_non_fatal_error_that_says_to_generate_again(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(o => o with { ContentLifetime = TimeSpan.FromMinutes(1) }, cancellationToken: cancellationToken);
        var video = await rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-expired", cancellationToken);
        var done = await rig.Client.WaitAsync(video.Id, null, cancellationToken);
        Assert.That(done.ExpiresAt, Is.EqualTo(done.CompletedAt!.Value.AddMinutes(1)).Within(TimeSpan.FromSeconds(1)));
        rig.FakeTime.Advance(TimeSpan.FromMinutes(2));

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.DownloadContentAsync(video.Id, VideoContentVariant.Video, rig.Temp.File("late.mp4"), null, cancellationToken));

        Assert.That((error!.StatusCode, error.IsFatal, error.ErrorCode), Is.EqualTo((410, false, "video_expired")));
        Assert.That(error.Message, Does.Contain("generate the clip again"));
    }

    [Test]
    public async Task With_30_percent_of_requests_failing_six_clips_still_complete_with_exactly_six_jobs(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.UseRandom(rate: 0.3, seed: 2026);
        // 30 % is far above any real service's rate: with the default 6 retries one call in ~5000 meets
        // seven faults in a row, and then the run would fail for the test's extremity, not a bug.
        var client = rig.NewClient(o => o.MaxRetryAttempts = 10);

        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            rig.GenerateAsync(VideosApiRig.Tiny(prompt: $"Soak shot {i}."), $"soak-clip-{i}", cancellationToken, client)));

        Assert.That(results.Select(r => r.Video.Status), Is.All.EqualTo("completed"));
        foreach (var (_, path) in results)
        {
            var info = await VideosApiRig.ProbeAsync(path, cancellationToken);
            Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((320, 180)), path);
        }

        Assert.That((rig.Server.JobsCreated, rig.Server.BilledSeconds), Is.EqualTo((6, 6)));
        Assert.That(rig.Server.Requests.Count(r => r.Fault is not null), Is.GreaterThan(3), "faults were actually injected");
    }

    [Test]
    public async Task A_very_long_retry_after_is_cut_to_the_configured_maximum(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromHours(2)));
        var client = rig.NewClient(o => o.MaxRetryAfter = TimeSpan.FromSeconds(90));

        await client.ListAsync(cancellationToken: cancellationToken);

        Assert.That(rig.FakeTime.RequestedDelays, Is.EqualTo(new[] { TimeSpan.FromSeconds(90) }));
    }

    [Test]
    public async Task An_exhausted_quota_is_fatal_and_not_retried_although_it_is_a_429(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.Error(429, "insufficient_quota", "You exceeded your current quota, please check your plan and billing details.", type: "insufficient_quota"));

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-quota", cancellationToken));

        Assert.That((error!.IsFatal, error.IsTransient), Is.EqualTo((true, false)));
        Assert.That(error.Message, Does.Contain("billing"));
        Assert.That(rig.Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_server_message_that_echoes_the_key_is_redacted(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.Error(400, "invalid_value", $"Bad header value '{rig.Server.ApiKey}'."));

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.ListAsync(cancellationToken: cancellationToken));

        Assert.That(error!.Message, Does.Not.Contain(rig.Server.ApiKey).And.Contain("[redacted]"));
    }

    [Test]
    public async Task Cancelling_a_wait_is_a_cancellation_not_an_api_error(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(realTime: true, cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.SlowJob(polls: 10_000), FakeEndpoint.Create);
        var video = await rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-cancelled", cancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        Assert.That(() => rig.Client.WaitAsync(video.Id, null, cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Retrieve), Is.GreaterThan(1));
    }
}