using Recreation.Core.Model;
using Recreation.Generation.Gemini;
using Recreation.Generation.Http;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.Gemini;

[CancelAfter(120_000)]
public class GeminiClientSpecs
{
    private const string Model = "veo-3.1-fast-generate-preview";
    private static readonly FrameSize Hd = new(1280, 720);

    [Test]
    public async Task A_clip_with_a_first_frame_is_started_polled_until_done_and_downloaded_at_its_size_and_length(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        var first = await FakeImages.WritePngAsync(rig.Temp.File("first.png"), 1280, 720, cancellationToken);

        var started = await rig.Client.StartAsync(new GeminiVideoRequest(Model, "A red kite over a beach.", Hd, 4, first), cancellationToken);
        var done = await rig.Client.WaitAsync(started.Name, null, cancellationToken);
        var path = rig.Temp.File("clip.mp4");
        await rig.Client.DownloadAsync(done.VideoUris.Single(), path, null, cancellationToken);

        Assert.That(started.Done, Is.False, "a new operation has no done field");
        Assert.That(done.Succeeded, Is.True);
        var info = await GeminiRig.ProbeAsync(path, cancellationToken);
        Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((1280, 720)));
        Assert.That(info.Duration.TotalSeconds, Is.EqualTo(4).Within(0.1));
        var job = rig.Server.Jobs.Single();
        Assert.That((job.FirstFrame!.Width, job.FirstFrame.Height, job.Seconds), Is.EqualTo((1280, 720, 4)));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Retrieve), Is.EqualTo(3), "polled until done (the fake ends on the third poll)");
        Assert.That(rig.Server.Requests.Select(r => r.AuthScheme), Is.All.EqualTo("x-goog-api-key"));
    }

    [Test]
    public async Task The_key_goes_to_the_api_host_and_never_follows_the_redirect_to_the_download_host(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        var done = await GenerateAsync(rig, cancellationToken);

        await rig.Client.DownloadAsync(done.VideoUris.Single(), rig.Temp.File("clip.mp4"), null, cancellationToken);

        Assert.That(rig.Server.Requests.Single(r => r.Endpoint == FakeEndpoint.Content).AuthScheme, Is.EqualTo("x-goog-api-key"), "the file URI is fetched with the key, as Google's docs do");
        var downloads = rig.Server.Downloads.Requests;
        Assert.That(downloads, Has.Count.EqualTo(1));
        Assert.That(downloads.Single().StatusCode, Is.EqualTo(200));
        Assert.That(downloads.Select(d => d.CarriedCredential), Is.All.False, "no key, no Authorization on the other host");
    }

    [Test]
    public async Task An_httpclient_that_follows_redirects_by_itself_is_refused_before_the_file_is_written(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        var done = await GenerateAsync(rig, cancellationToken);
        var careless = rig.NewClient(followRedirects: true);
        var path = rig.Temp.File("clip.mp4");

        var error = Assert.ThrowsAsync<ServiceApiException>(() => careless.DownloadAsync(done.VideoUris.Single(), path, null, cancellationToken));

        Assert.That(error!.IsFatal, Is.True);
        Assert.That(error.Message, Does.Contain("AllowAutoRedirect"));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public async Task A_filtered_result_is_done_without_a_video_with_the_services_reason_and_is_not_billed(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.FilteredJob("The prompt may violate the policy on public figures."), FakeEndpoint.Create);

        var done = await GenerateAsync(rig, cancellationToken);

        Assert.That((done.Done, done.Succeeded, done.Filtered), Is.EqualTo((true, false, true)));
        Assert.That(done.FailureReason, Does.Contain("safety filters").And.Contain("public figures"));
        Assert.That(rig.Server.BilledSeconds, Is.Zero);
    }

    [Test]
    public async Task A_failed_operation_reports_the_services_error(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.FailJob("internal", "Video generation failed."), FakeEndpoint.Create);

        var done = await GenerateAsync(rig, cancellationToken);

        Assert.That((done.Done, done.Succeeded, done.Filtered), Is.EqualTo((true, false, false)));
        Assert.That(done.FailureReason, Does.Contain("Video generation failed"));
    }

    [TestCase(FakeFaultKind.DropAfterHandling, 1)]
    [TestCase(FakeFaultKind.DropBeforeHandling, 0)]
    public async Task A_create_whose_answer_is_lost_is_in_doubt_and_never_sent_again(FakeFaultKind drop, int jobsMade, CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(drop == FakeFaultKind.DropAfterHandling ? FakeFault.DropAfterHandling() : FakeFault.DropBeforeHandling(), FakeEndpoint.Create);

        var error = Assert.ThrowsAsync<ServiceApiException>(() => rig.Client.StartAsync(new GeminiVideoRequest(Model, "A kite.", Hd, 4), cancellationToken));

        Assert.That(error!.IsInDoubt, Is.True);
        Assert.That(error.Message, Does.Contain("may have started a paid job"));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(1), "the client cannot tell a drop before from a drop after: neither is resent");
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(jobsMade));
    }

    [Test]
    public async Task Error_answers_to_a_create_prove_no_job_and_are_retried_honouring_retry_after(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults
            .Enqueue(FakeFault.ServerError(503), FakeEndpoint.Create)
            .Enqueue(FakeFault.RateLimited(TimeSpan.FromSeconds(7)), FakeEndpoint.Create);

        await rig.Client.StartAsync(new GeminiVideoRequest(Model, "A kite.", Hd, 4), cancellationToken);

        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(3));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(1));
        Assert.That(rig.FakeTime.RequestedDelays, Does.Contain(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public async Task A_refused_connection_proves_no_job_so_a_create_is_retried_and_not_in_doubt(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        var closedPort = LoopbackPorts.Closed();
        var client = rig.NewClient(o => (o.BaseUrl, o.MaxRetryAttempts) = ($"http://127.0.0.1:{closedPort}", 2));

        var error = Assert.ThrowsAsync<ServiceApiException>(() => client.StartAsync(new GeminiVideoRequest(Model, "A kite.", Hd, 4), cancellationToken));

        Assert.That(error!.IsInDoubt, Is.False);
        Assert.That(error.Message, Does.Contain("after 3 attempt(s)"));
    }

    [Test]
    public async Task A_cut_download_is_fetched_again_until_whole(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        var done = await GenerateAsync(rig, cancellationToken);
        rig.Server.Downloads.Faults.Enqueue(FakeFault.TruncatedBody(0.4));

        var path = rig.Temp.File("clip.mp4");
        await rig.Client.DownloadAsync(done.VideoUris.Single(), path, null, cancellationToken);

        Assert.That(rig.Server.Downloads.Requests, Has.Count.EqualTo(2));
        Assert.That((await GeminiRig.ProbeAsync(path, cancellationToken)).Duration.TotalSeconds, Is.EqualTo(4).Within(0.1));
    }

    [Test]
    public async Task A_file_past_its_two_days_is_gone_with_a_404(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        var done = await GenerateAsync(rig, cancellationToken);
        rig.FakeTime.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));

        var error = Assert.ThrowsAsync<ServiceApiException>(() => rig.Client.DownloadAsync(done.VideoUris.Single(), rig.Temp.File("clip.mp4"), null, cancellationToken));

        Assert.That(error!.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task A_wrong_key_is_fatal_and_never_appears_in_the_message(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        var client = rig.NewClient(o => o.ApiKey = "AIzaWrongKey123456789");

        var error = Assert.ThrowsAsync<ServiceApiException>(() => client.StartAsync(new GeminiVideoRequest(Model, "A kite.", Hd, 4), cancellationToken));

        Assert.That((error!.IsFatal, error.ErrorCode, error.StatusCode), Is.EqualTo((true, "API_KEY_INVALID", 400)));
        Assert.That(error.Message, Does.Not.Contain("AIzaWrongKey123456789"));
    }

    [Test]
    public async Task A_size_or_length_veo_cannot_make_is_refused_before_anything_is_sent(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);

        Assert.ThrowsAsync<ArgumentException>(() => rig.Client.StartAsync(new GeminiVideoRequest(Model, "A kite.", new FrameSize(1920, 1080), 4), cancellationToken));
        Assert.ThrowsAsync<ArgumentException>(() => rig.Client.StartAsync(new GeminiVideoRequest(Model, "A kite.", Hd, 5), cancellationToken));
        Assert.ThrowsAsync<ArgumentException>(() => rig.Client.StartAsync(new GeminiVideoRequest(Model, "A kite.", new FrameSize(640, 360), 4), cancellationToken));

        Assert.That(rig.Server.Requests, Is.Empty);
    }

    [Test]
    public async Task The_service_refusing_a_request_marks_it_as_refused_input(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.Error(400, null, "Unable to process input image."), FakeEndpoint.Create);

        var error = Assert.ThrowsAsync<ServiceApiException>(() => rig.Client.StartAsync(new GeminiVideoRequest(Model, "A kite.", Hd, 4), cancellationToken));

        Assert.That((error!.IsInputRefused, error.IsInDoubt, error.IsFatal), Is.EqualTo((true, false, false)));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(1));
    }

    [Test]
    public async Task A_last_frame_reaches_the_service_with_the_first(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);
        var first = await FakeImages.WritePngAsync(rig.Temp.File("first.png"), 1280, 720, cancellationToken);
        var last = await FakeImages.WritePngAsync(rig.Temp.File("last.png"), 1280, 720, cancellationToken);

        await rig.Client.StartAsync(new GeminiVideoRequest(Model, "A kite lands.", Hd, 4, first, last), cancellationToken);

        Assert.That(rig.Server.Jobs.Single().LastFrame, Is.Not.Null);
    }

    [Test]
    public async Task Doctor_can_ask_whether_a_model_exists(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(cancellationToken: cancellationToken);

        Assert.That(await rig.Client.ModelExistsAsync(Model, cancellationToken), Is.True);
        Assert.That(await rig.Client.ModelExistsAsync("veo-9-imaginary", cancellationToken), Is.False);
    }

    private static async Task<GeminiOperation> GenerateAsync(GeminiRig rig, CancellationToken cancellationToken)
    {
        var started = await rig.Client.StartAsync(new GeminiVideoRequest(Model, "A red kite over a beach.", Hd, 4), cancellationToken);
        return await rig.Client.WaitAsync(started.Name, null, cancellationToken);
    }
}