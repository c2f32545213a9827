using Recreation.Core.Model;
using Recreation.Generation.Http;
using Recreation.Generation.Runway;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.Runway;

[CancelAfter(120_000)]
public class RunwayClientSpecs
{
    private static readonly FrameSize Square = new(960, 960);

    [Test]
    public async Task An_image_clip_is_created_polled_until_it_succeeds_and_its_output_downloaded_without_credentials(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        var first = await FakeImages.WritePngAsync(rig.Temp.File("first.png"), 960, 960, cancellationToken);

        var id = await rig.Client.CreateAsync(new RunwayVideoRequest("gen4_turbo", "A kite rises.", Square, 2, first), cancellationToken);
        var done = await rig.Client.WaitAsync(id, null, cancellationToken);
        var path = rig.Temp.File("clip.mp4");
        await rig.Client.DownloadAsync(id, path, null, cancellationToken);

        Assert.That(done.IsSucceeded, Is.True);
        var info = await RunwayRig.ProbeAsync(path, cancellationToken);
        Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((960, 960)));
        Assert.That(info.Duration.TotalSeconds, Is.EqualTo(2).Within(0.1));
        var job = rig.Server.Jobs.Single();
        Assert.That((job.FirstFrame!.Width, job.FirstFrame.Height, job.FirstFrame.Transport), Is.EqualTo((960, 960, "data-uri")));
        Assert.That(rig.Server.Requests.Select(r => r.AuthScheme), Is.All.EqualTo("bearer"));
        Assert.That(rig.Server.Downloads.Requests, Is.Not.Empty);
        Assert.That(rig.Server.Downloads.Requests.Select(d => d.CarriedCredential), Is.All.False, "signed output URLs get no key and no Authorization");
    }

    [Test]
    public async Task A_text_clip_goes_to_text_to_video(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);

        var id = await rig.Client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite rises.", new FrameSize(1280, 720), 2), cancellationToken);

        Assert.That(rig.Server.Requests.Single().PathAndQuery, Is.EqualTo("/v1/text_to_video"));
        Assert.That((await rig.Client.WaitAsync(id, null, cancellationToken)).IsSucceeded, Is.True);
    }

    [Test]
    public async Task A_throttled_task_is_waited_for_until_it_runs_and_succeeds(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(o => o with { ConcurrencyLimit = 1, PollsToComplete = 4 }, cancellationToken: cancellationToken);
        var a = await rig.Client.CreateAsync(new RunwayVideoRequest("gen4.5", "First.", new FrameSize(1280, 720), 2), cancellationToken);
        var b = await rig.Client.CreateAsync(new RunwayVideoRequest("gen4.5", "Second.", new FrameSize(1280, 720), 2), cancellationToken);
        await rig.Client.GetAsync(a, cancellationToken);
        await rig.Client.GetAsync(a, cancellationToken); // a is running now

        var seen = (await rig.Client.GetAsync(b, cancellationToken)).Status;
        var first = await rig.Client.WaitAsync(a, null, cancellationToken);
        var second = await rig.Client.WaitAsync(b, null, cancellationToken);

        Assert.That(seen, Is.EqualTo(RunwayTask.Throttled));
        Assert.That((first.IsSucceeded, second.IsSucceeded), Is.EqualTo((true, true)));
    }

    [Test]
    public async Task A_task_failed_by_moderation_ends_with_its_failure_code(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.FailJob("SAFETY.INPUT.TEXT", "The prompt was flagged by content moderation."), FakeEndpoint.Create);

        var id = await rig.Client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite.", new FrameSize(1280, 720), 2), cancellationToken);
        var done = await rig.Client.WaitAsync(id, null, cancellationToken);

        Assert.That((done.Status, done.IsSafetyFailure), Is.EqualTo((RunwayTask.Failed, true)));
        Assert.That(done.FailureReason, Does.StartWith("SAFETY.INPUT.TEXT: ").And.Contain("flagged"));
    }

    [Test]
    public async Task A_cancelled_task_ends_cancelled(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        var id = await rig.Client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite.", new FrameSize(1280, 720), 2), cancellationToken);

        await rig.Client.CancelAsync(id, cancellationToken);
        var done = await rig.Client.WaitAsync(id, null, cancellationToken);

        Assert.That(done.Status, Is.EqualTo(RunwayTask.Cancelled));
        Assert.That(rig.Server.Requests.Single(r => r.Method == "DELETE").PathAndQuery, Is.EqualTo($"/v1/tasks/{id}"));
    }

    [TestCase(FakeFaultKind.DropAfterHandling, 1)]
    [TestCase(FakeFaultKind.DropBeforeHandling, 0)]
    public async Task A_create_whose_answer_is_lost_is_in_doubt_and_never_sent_again(FakeFaultKind drop, int jobsMade, CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(drop == FakeFaultKind.DropAfterHandling ? FakeFault.DropAfterHandling() : FakeFault.DropBeforeHandling(), FakeEndpoint.Create);

        var error = Assert.ThrowsAsync<ServiceApiException>(() => rig.Client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite.", new FrameSize(1280, 720), 2), cancellationToken));

        Assert.That(error!.IsInDoubt, Is.True);
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(1));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(jobsMade));
    }

    [Test]
    public async Task A_429_on_create_is_waited_out_and_makes_one_task(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromSeconds(9)), FakeEndpoint.Create);

        await rig.Client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite.", new FrameSize(1280, 720), 2), cancellationToken);

        Assert.That(rig.FakeTime.RequestedDelays, Does.Contain(TimeSpan.FromSeconds(9)));
        Assert.That((rig.Server.CountRequests(FakeEndpoint.Create), rig.Server.JobsCreated), Is.EqualTo((2, 1)));
    }

    [Test]
    public async Task An_output_url_refused_on_download_is_replaced_by_a_fresh_one_and_a_cut_download_fetched_again(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        var id = await rig.Client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite.", new FrameSize(1280, 720), 2), cancellationToken);
        await rig.Client.WaitAsync(id, null, cancellationToken);
        rig.Server.Downloads.Faults
            .Enqueue(FakeFault.Error(403, null, "AccessDenied: Request has expired."))
            .Enqueue(FakeFault.TruncatedBody(0.4));

        var path = rig.Temp.File("clip.mp4");
        await rig.Client.DownloadAsync(id, path, null, cancellationToken);

        Assert.That((await RunwayRig.ProbeAsync(path, cancellationToken)).Duration.TotalSeconds, Is.EqualTo(2).Within(0.1));
        Assert.That(rig.Server.Downloads.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 403, 200, 200 }),
            "the refused URL, then a fresh one cut short, then that one again whole");
        Assert.That(rig.Server.Downloads.Requests.Select(r => r.PathAndQuery).Distinct().Count(), Is.EqualTo(2), "a fresh URL after the refusal");
    }

    [Test]
    public async Task An_endless_output_stops_at_the_download_cap_with_nothing_kept_and_is_not_fetched_again(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        var client = rig.NewClient(o => (o.MaxVideoBitrate, o.DownloadSlackBytes) = (100_000, 0)); // a 750 kB cap
        var id = await client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite.", new FrameSize(1280, 720), 2), cancellationToken);
        await client.WaitAsync(id, null, cancellationToken);
        var sent = new HostileAnswers.SentBytes();
        rig.Server.Downloads.Faults.Enqueue(HostileAnswers.EndlessBody(sent));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.CatchAsync<Exception>(() => client.DownloadAsync(id, rig.Temp.File("endless.mp4"), null, cancellationToken))!;
        var sentBeforeTheClientLetGo = sent.Value;

        Assert.That(error.Message, Does.Contain("went on past").And.Contain("RECREATION_Runway__MaxVideoBitrate"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "stopped long before the download timeout");
        Assert.That(sentBeforeTheClientLetGo, Is.LessThan(750_000 + (64L * 1024 * 1024)));
        Assert.That(File.Exists(rig.Temp.File("endless.mp4")), Is.False);
        Assert.That(rig.Server.Downloads.Requests, Has.Count.EqualTo(1), "too large is not asked for again");
    }

    [Test]
    public async Task A_download_is_capped_by_the_clip_length_not_by_the_longest_clip(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        var id = await rig.Client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite.", new FrameSize(1280, 720), 2), cancellationToken);
        await rig.Client.WaitAsync(id, null, cancellationToken);
        var size = await rig.Client.DownloadAsync(id, rig.Temp.File("whole.mp4"), null, cancellationToken, clipSeconds: 2);
        // At 100 kbit/s and no slack a 2 s clip may have 25 000 bytes; a 60 s clip 750 000.
        Assume.That(size, Is.InRange(25_001, 749_999), "the fake's 2 s output lies between the two caps");
        var client = rig.NewClient(o => (o.MaxVideoBitrate, o.DownloadSlackBytes) = (100_000, 0));

        var error = Assert.CatchAsync<Exception>(() => client.DownloadAsync(id, rig.Temp.File("capped.mp4"), null, cancellationToken, clipSeconds: 2))!;

        Assert.That(error.Message, Does.Contain("more than the 24.4 KiB a clip of this length may have").And.Contain("RECREATION_Runway__MaxVideoBitrate"));
        Assert.That(File.Exists(rig.Temp.File("capped.mp4")), Is.False);
        Assert.That(await client.DownloadAsync(id, rig.Temp.File("unknown-length.mp4"), null, cancellationToken), Is.EqualTo(size), "with no length, the cap of a 60 s clip");
    }

    [Test]
    public async Task An_output_url_past_its_lifetime_is_refused_by_the_download_host(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        var id = await rig.Client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite.", new FrameSize(1280, 720), 2), cancellationToken);
        var done = await rig.Client.WaitAsync(id, null, cancellationToken);
        rig.FakeTime.Advance(TimeSpan.FromHours(25));

        using var http = rig.Http();
        using var answer = await http.GetAsync(done.Output.Single(), cancellationToken);

        Assert.That((int)answer.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public async Task Gen4_turbo_without_an_image_is_refused_before_anything_is_sent(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);

        var error = Assert.ThrowsAsync<ArgumentException>(() => rig.Client.CreateAsync(new RunwayVideoRequest("gen4_turbo", "A kite.", Square, 2), cancellationToken));

        Assert.That(error!.Message, Does.Contain("reference_image").And.Contain("last-frame"));
        Assert.That(rig.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task What_the_service_refuses_is_marked_as_refused_input(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);

        var error = Assert.ThrowsAsync<ServiceApiException>(() => rig.Client.CreateAsync(new RunwayVideoRequest("gen9_imaginary", "A kite.", Square, 2), cancellationToken));

        Assert.That((error!.StatusCode, error.IsInputRefused, error.IsInDoubt), Is.EqualTo((400, true, false)));
        Assert.That(error.Message, Does.Contain("gen9_imaginary"));
    }

    [Test]
    public async Task A_last_frame_goes_with_the_first_to_a_veo_model(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        var first = await FakeImages.WritePngAsync(rig.Temp.File("first.png"), 1280, 720, cancellationToken);
        var last = await FakeImages.WritePngAsync(rig.Temp.File("last.png"), 1280, 720, cancellationToken);

        await rig.Client.CreateAsync(new RunwayVideoRequest("veo3.1_fast", "A kite lands.", new FrameSize(1280, 720), 4, first, last), cancellationToken);

        var job = rig.Server.Jobs.Single();
        Assert.That((job.FirstFrame is not null, job.LastFrame is not null), Is.EqualTo((true, true)));
    }

    [Test]
    public async Task A_wrong_key_is_fatal_and_never_appears_in_the_message(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        var client = rig.NewClient(o => o.ApiKey = "key_wrong_0123456789");

        var error = Assert.ThrowsAsync<ServiceApiException>(() => client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite.", new FrameSize(1280, 720), 2), cancellationToken));

        Assert.That((error!.IsFatal, error.StatusCode), Is.EqualTo((true, 401)));
        Assert.That(error.Message, Does.Not.Contain("key_wrong_0123456789"));
    }

    [Test]
    public async Task Doctor_can_check_the_key_through_the_organisation_details(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);

        Assert.That(await rig.Client.CreditBalanceAsync(cancellationToken), Is.EqualTo(100_000));
        Assert.That(rig.Server.JobsCreated, Is.Zero);
    }

    [Test]
    public async Task Every_api_call_carries_the_version_header(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(cancellationToken: cancellationToken);
        var client = rig.NewClient(o => o.ApiVersion = "2023-01-01");

        var error = Assert.ThrowsAsync<ServiceApiException>(() => client.CreateAsync(new RunwayVideoRequest("gen4.5", "A kite.", new FrameSize(1280, 720), 2), cancellationToken));

        Assert.That(error!.Message, Does.Contain("2024-11-06"), "the fake refuses any other version, as Runway does");
    }
}