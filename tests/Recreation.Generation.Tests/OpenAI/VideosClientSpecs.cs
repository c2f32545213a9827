using Recreation.Core.Model;
using Recreation.Generation.OpenAI;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenAI;

[CancelAfter(60_000)]
public class VideosClientSpecs
{
    [Test]
    public async Task A_clip_is_created_polled_to_completion_and_downloaded_as_an_mp4_of_the_requested_size_and_length(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        var created = await rig.Client.CreateAsync(VideosApiRig.Tiny(seconds: 2), "clip-happy-1", cancellationToken);
        Assert.That(created.Id, Does.StartWith("video_"));
        Assert.That((created.Status, created.Progress, created.Seconds, created.Size), Is.EqualTo(("queued", 0, "2", "320x180")));

        var progress = new List<double>();
        var done = await rig.Client.WaitAsync(created.Id, new SynchronousProgress(progress), cancellationToken);
        Assert.That(done.IsCompleted, done.FailureReason);
        Assert.That(progress, Is.Ordered.And.Not.Empty);
        Assert.That(progress[^1], Is.EqualTo(1.0));
        Assert.That(progress, Has.Some.GreaterThan(0).And.LessThan(1), "progress rises while the job runs");

        var path = rig.Temp.File("clips/opening-1.mp4");
        var bytes = await rig.Client.DownloadContentAsync(done.Id, VideoContentVariant.Video, path, null, cancellationToken);
        var info = await VideosApiRig.ProbeAsync(path, cancellationToken);
        Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((320, 180)));
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(2).Within(0.1));
        Assert.That(new FileInfo(path).Length, Is.EqualTo(bytes));
        Assert.That(rig.Temp.ListFiles(), Is.EqualTo(new[] { Path.Combine("clips", "opening-1.mp4") }), "no partial file is left beside the clip");
        Assert.That((rig.Server.JobsCreated, rig.Server.BilledSeconds), Is.EqualTo((1, 2)));
    }

    [Test]
    public async Task The_thumbnail_and_spritesheet_are_real_images(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        var (video, _) = await rig.GenerateAsync(VideosApiRig.Tiny(), "clip-thumbs", cancellationToken);

        await rig.Client.DownloadContentAsync(video.Id, VideoContentVariant.Thumbnail, rig.Temp.File("thumb.webp"), null, cancellationToken);
        var thumbnail = ImageHeader.TryRead(await File.ReadAllBytesAsync(rig.Temp.File("thumb.webp"), cancellationToken));
        Assert.That(thumbnail, Is.EqualTo(("webp", 320, 180)));

        await rig.Client.DownloadContentAsync(video.Id, VideoContentVariant.Spritesheet, rig.Temp.File("sprites.jpg"), null, cancellationToken);
        Assert.That(ImageHeader.TryRead(await File.ReadAllBytesAsync(rig.Temp.File("sprites.jpg"), cancellationToken))?.Format, Is.EqualTo("jpeg"));
    }

    [Test]
    public async Task An_input_image_goes_as_a_multipart_file_part(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        var image = await FakeImages.WritePngAsync(rig.Temp.File("first frame.png"), 320, 180, cancellationToken);

        var video = await rig.Client.CreateAsync(VideosApiRig.Tiny(inputImage: image), "clip-image", cancellationToken);

        var job = rig.Server.Jobs.Single(j => j.Id == video.Id);
        Assert.That(job.InputImage, Is.Not.Null);
        Assert.That((job.InputImage!.Format, job.InputImage.Width, job.InputImage.Height, job.InputImage.Transport), Is.EqualTo(("png", 320, 180, "multipart")));
        Assert.That(job.InputImage.Length, Is.EqualTo(new FileInfo(image).Length));
        Assert.That((job.InputImage.FileName, job.InputImage.ContentType), Is.EqualTo(("first frame.png", "image/png")));
        Assert.That(rig.Server.Requests.Single(r => r.Endpoint == FakeEndpoint.Create).ContentType, Does.StartWith("multipart/form-data"));
    }

    [Test]
    public async Task Without_an_image_the_create_request_is_json_with_seconds_as_a_string(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        await rig.Client.CreateAsync(VideosApiRig.Tiny(seconds: 4), "clip-json", cancellationToken);
        var create = rig.Server.Requests.Single(r => r.Endpoint == FakeEndpoint.Create);
        Assert.That(create.ContentType, Does.StartWith("application/json"));
        Assert.That(create.IdempotencyKey, Is.EqualTo("clip-json"));
        Assert.That(create.AuthScheme, Is.EqualTo("bearer"));
        Assert.That(rig.Server.Jobs.Single().Seconds, Is.EqualTo(4), "the fake server refuses seconds sent as a JSON number");
    }

    [Test]
    public async Task An_image_of_the_wrong_size_is_refused_with_the_servers_message_and_param_and_no_job(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        var image = await FakeImages.WritePngAsync(rig.Temp.File("big.png"), 640, 360, cancellationToken);

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.CreateAsync(VideosApiRig.Tiny(inputImage: image), "clip-bad-image", cancellationToken));

        Assert.That(error!.StatusCode, Is.EqualTo(400));
        Assert.That(error.Message, Does.Contain("must match the requested width and height"));
        Assert.That(error.Message, Does.Contain("param 'input_reference'"));
        Assert.That(error.Param, Is.EqualTo("input_reference"));
        Assert.That((error.IsFatal, error.IsTransient), Is.EqualTo((false, false)), "one clip fails, the run goes on");
        Assert.That(rig.Server.JobsCreated, Is.Zero);
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(1), "a 400 is not retried");
    }

    [Test]
    public async Task A_size_the_model_does_not_allow_is_refused_naming_the_allowed_ones(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        var request = new CreateVideoRequest("A quiet street at dawn.", "sora-2", 8, new FrameSize(1920, 1080));
        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.CreateAsync(request, "clip-bad-size", cancellationToken));
        Assert.That(error!.Message, Does.Contain("'720x1280' and '1280x720'"));
        Assert.That(error.Param, Is.EqualTo("size"));
    }

    [Test]
    public async Task A_failed_job_is_returned_with_the_servers_error_code_and_has_no_content(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.FailJob("moderation_blocked", "Your request was blocked by our moderation system."), FakeEndpoint.Create);

        var (video, _) = await rig.GenerateAsync(VideosApiRig.Tiny(), "clip-blocked", cancellationToken);

        Assert.That(video.Status, Is.EqualTo(VideoStatus.Failed));
        Assert.That(video.Error!.Code, Is.EqualTo("moderation_blocked"));
        Assert.That(video.FailureReason, Is.EqualTo("failed: moderation_blocked: Your request was blocked by our moderation system."));
        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.DownloadContentAsync(video.Id, VideoContentVariant.Video, rig.Temp.File("x.mp4"), null, cancellationToken));
        Assert.That((error!.StatusCode, error.IsFatal), Is.EqualTo((409, false)));
    }

    [Test]
    public async Task Polling_waits_what_the_server_asks_within_the_configured_bounds(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(o => o with { PollAfter = TimeSpan.FromSeconds(5), PollsToComplete = 4 }, cancellationToken: cancellationToken);
        var capped = rig.NewClient(o => (o.MinPollInterval, o.MaxPollInterval) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)));
        var video = await capped.CreateAsync(VideosApiRig.Tiny(), "clip-poll-capped", cancellationToken);
        await capped.WaitAsync(video.Id, null, cancellationToken);
        Assert.That(rig.FakeTime.RequestedDelays, Is.EqualTo(new[] { TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3) }));

        var honoured = rig.NewClient(o => (o.MinPollInterval, o.MaxPollInterval) = (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)));
        var second = await honoured.CreateAsync(VideosApiRig.Tiny(), "clip-poll-honoured", cancellationToken);
        await honoured.WaitAsync(second.Id, null, cancellationToken);
        Assert.That(rig.FakeTime.RequestedDelays.Skip(3), Is.EqualTo(new[] { TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5) }));
    }

    [Test]
    public async Task A_job_that_outlasts_the_deadline_ends_the_wait_but_not_the_job(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(o => o with { PollAfter = TimeSpan.FromSeconds(10) }, cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.SlowJob(polls: 1000), FakeEndpoint.Create);
        var client = rig.NewClient(o => (o.MaxPollInterval, o.JobDeadline) = (TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)));
        var video = await client.CreateAsync(VideosApiRig.Tiny(), "clip-slow", cancellationToken);

        var error = Assert.ThrowsAsync<VideosApiException>(() => client.WaitAsync(video.Id, null, cancellationToken));

        Assert.That(error!.Message, Does.Contain(video.Id).And.Contain("still in_progress").And.Contain("run again to resume"));
        Assert.That(error.IsFatal, Is.False);
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Retrieve), Is.InRange(5, 7), "about one poll per 10 s for a minute");
        Assert.That(rig.Server.Jobs.Single().Deleted, Is.False);
    }

    [Test]
    public async Task Jobs_are_listed_in_pages_deleted_and_remixed(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        var ids = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            ids.Add((await rig.Client.CreateAsync(VideosApiRig.Tiny(prompt: $"Shot {i}."), $"clip-list-{i}", cancellationToken)).Id);
        }

        var first = await rig.Client.ListAsync(limit: 2, cancellationToken: cancellationToken);
        Assert.That(first.Data.Select(v => v.Id), Is.EqualTo(new[] { ids[2], ids[1] }), "newest first");
        Assert.That((first.HasMore, first.FirstId, first.LastId), Is.EqualTo((true, ids[2], ids[1])));
        var second = await rig.Client.ListAsync(limit: 2, after: first.LastId, cancellationToken: cancellationToken);
        Assert.That(second.Data.Select(v => v.Id), Is.EqualTo(new[] { ids[0] }));
        Assert.That(second.HasMore, Is.False);
        var ascending = await rig.Client.ListAsync(order: VideoListOrder.Ascending, cancellationToken: cancellationToken);
        Assert.That(ascending.Data.Select(v => v.Id), Is.EqualTo(ids));

        var deletion = await rig.Client.DeleteAsync(ids[0], cancellationToken);
        Assert.That(deletion, Is.EqualTo(new VideoDeletion(ids[0], true)));
        var gone = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.RetrieveAsync(ids[0], cancellationToken));
        Assert.That((gone!.StatusCode, gone.IsFatal, gone.ErrorCode), Is.EqualTo((404, false, "video_not_found")));
        Assert.That(gone.Message, Does.Contain(ids[0]));

        await rig.Client.WaitAsync(ids[1], null, cancellationToken);
        var remix = await rig.Client.RemixAsync(ids[1], "Same shot, but at night.", "clip-list-2-remix", cancellationToken);
        Assert.That((remix.RemixedFromVideoId, remix.Prompt, remix.Size), Is.EqualTo((ids[1], "Same shot, but at night.", "320x180")));
        var again = await rig.Client.RemixAsync(ids[1], "Same shot, but at night.", "clip-list-2-remix", cancellationToken);
        Assert.That(again.Id, Is.EqualTo(remix.Id), "a remix is idempotent too");
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(4));
    }

    [Test]
    public async Task The_same_idempotency_key_twice_gives_the_same_job_and_one_charge(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        var first = await rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-same-key", cancellationToken);
        var second = await rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-same-key", cancellationToken);
        Assert.That(second.Id, Is.EqualTo(first.Id));
        Assert.That((rig.Server.JobsCreated, rig.Server.BilledSeconds), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task The_azure_style_api_key_header_is_accepted(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(cancellationToken: cancellationToken);
        var azure = rig.NewClient(o => (o.AuthHeader, o.Organization, o.Project) = (OpenAIVideosOptions.ApiKeyAuth, "org-1", "proj-1"));
        await azure.ListAsync(cancellationToken: cancellationToken);
        Assert.That(rig.Server.Requests.Single().AuthScheme, Is.EqualTo("api-key"));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; this records in order, on the caller's thread.</summary>
    private sealed class SynchronousProgress(List<double> values) : IProgress<double>
    {
        public void Report(double value) => values.Add(value);
    }
}