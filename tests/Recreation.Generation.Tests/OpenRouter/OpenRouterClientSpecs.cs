using System.Text.Json.Nodes;

using Recreation.Core.Model;
using Recreation.Generation.Aggregators;
using Recreation.Generation.Http;
using Recreation.Generation.OpenRouter;
using Recreation.Generation.Providers;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenRouter;

/// <summary>OpenRouter's video API through <see cref="OpenRouterClient"/> against the fake: the documented fields, the key only to the API host, and every fault the brief names.</summary>
[CancelAfter(120_000)]
public class OpenRouterClientSpecs
{
    private const string Veo = "google/veo-3.1-fast";

    [Test]
    public async Task A_job_is_submitted_polled_by_id_and_its_video_fetched_through_the_content_endpoint_with_the_key_and_from_storage_without_it(CancellationToken cancellationToken)
    {
        await using var rig = await OpenRouterRig.StartAsync(cancellationToken: cancellationToken);

        var id = await rig.Client.SubmitAsync(await VeoBodyAsync(rig, cancellationToken), cancellationToken);
        var job = await rig.Client.WaitAsync(id, null, cancellationToken);
        var path = rig.Temp.File("clip.mp4");
        await rig.Client.DownloadAsync(id, path, null, cancellationToken);

        Assert.That((job.Status, job.Cost), Is.EqualTo(("completed", 0.15m * 4)));
        var requests = rig.Server.Requests;
        Assert.That(requests.Select(r => r.PathAndQuery).First(), Is.EqualTo("/api/v1/videos"));
        Assert.That(requests.Skip(1).Select(r => r.PathAndQuery), Has.All.StartWith($"/api/v1/videos/{id}"));
        Assert.That(requests.Select(r => r.AuthScheme), Is.All.EqualTo("bearer"), "the key on every API call");
        Assert.That(requests.Last().PathAndQuery, Is.EqualTo($"/api/v1/videos/{id}/content?index=0"));
        var info = await OpenRouterRig.ProbeAsync(path, cancellationToken);
        Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((1280, 720)));
        Assert.That(info.Duration.TotalSeconds, Is.EqualTo(4).Within(0.1));
        Assert.That(rig.Server.Downloads.Requests, Has.Count.EqualTo(1), "the content endpoint redirected to storage");
        Assert.That(rig.Server.Downloads.Requests.Select(d => d.CarriedCredential), Is.All.False, "no key follows the redirect");
    }

    [Test]
    public async Task A_content_endpoint_that_streams_the_video_itself_is_read_as_well(CancellationToken cancellationToken)
    {
        await using var rig = await OpenRouterRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.ContentRedirects = false;
        var id = await rig.Client.SubmitAsync(await VeoBodyAsync(rig, cancellationToken), cancellationToken);
        await rig.Client.WaitAsync(id, null, cancellationToken);

        var bytes = await rig.Client.DownloadAsync(id, rig.Temp.File("clip.mp4"), null, cancellationToken);

        Assert.That(bytes, Is.GreaterThan(1000));
        Assert.That(rig.Server.Downloads.Requests, Is.Empty);
    }

    [Test]
    public async Task Error_answers_to_a_submit_are_retried_after_Retry_After_and_make_one_job(CancellationToken cancellationToken)
    {
        await using var rig = await OpenRouterRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.ServerError(), FakeEndpoint.Create);
        rig.Server.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromMilliseconds(300)), FakeEndpoint.Create);

        var id = await rig.Client.SubmitAsync(await VeoBodyAsync(rig, cancellationToken), cancellationToken);

        Assert.That(id, Is.Not.Empty);
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(1));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(3));
    }

    [TestCase(true, 1)]
    [TestCase(false, 0)]
    public async Task A_submit_whose_connection_dropped_is_in_doubt_and_not_sent_again(bool afterTheJobWasMade, int jobs, CancellationToken cancellationToken)
    {
        await using var rig = await OpenRouterRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(afterTheJobWasMade ? FakeFault.DropAfterHandling() : FakeFault.DropBeforeHandling(), FakeEndpoint.Create);

        var error = Assert.ThrowsAsync<ServiceApiException>(async () => await rig.Client.SubmitAsync(await VeoBodyAsync(rig, cancellationToken), cancellationToken));

        Assert.That(error!.IsInDoubt, Is.True, "the client cannot tell whether a job exists");
        Assert.That((rig.Server.CountRequests(FakeEndpoint.Create), rig.Server.JobsCreated), Is.EqualTo((1, jobs)), "never resent on its own");
    }

    [Test]
    public async Task Failed_moderated_cancelled_and_expired_jobs_become_neutral_outcomes_with_the_services_reason(CancellationToken cancellationToken)
    {
        await using var rig = await OpenRouterRig.StartAsync(cancellationToken: cancellationToken);
        var generator = new OpenRouterClipGenerator(rig.Client, Profile(Veo));
        rig.Server.Faults.Enqueue(FakeFault.FailJob("provider_error", "The provider could not render the video"), FakeEndpoint.Create);
        var failed = await generator.AwaitAsync(new GenerationJob("a-1", await rig.Client.SubmitAsync(await VeoBodyAsync(rig, cancellationToken), cancellationToken)), null, cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.FilteredJob("Content policy violation"), FakeEndpoint.Create);
        var moderated = await generator.AwaitAsync(new GenerationJob("a-2", await rig.Client.SubmitAsync(await VeoBodyAsync(rig, cancellationToken), cancellationToken)), null, cancellationToken);
        var done = await rig.Client.SubmitAsync(await VeoBodyAsync(rig, cancellationToken), cancellationToken);
        await rig.Client.WaitAsync(done, null, cancellationToken);
        rig.Server.ExpireOutputs();
        var expired = await generator.AwaitAsync(new GenerationJob("a-3", done), null, cancellationToken);
        var gone = await generator.AwaitAsync(new GenerationJob("a-4", "no-such-job"), null, cancellationToken);

        Assert.That((failed.Kind, failed.FailureReason), Is.EqualTo((JobOutcomeKind.FailedByService, "failed: The provider could not render the video")));
        Assert.That((moderated.Kind, moderated.FailureReason), Is.EqualTo((JobOutcomeKind.FailedByService, "failed: Content policy violation")));
        Assert.That((expired.Kind, expired.FailureReason), Is.EqualTo((JobOutcomeKind.Expired, "Job exceeded maximum time to live")));
        Assert.That(gone.Kind, Is.EqualTo(JobOutcomeKind.Expired));
        var fetch = Assert.ThrowsAsync<ClipExpiredException>(async () => await generator.FetchAsync(new GenerationJob("a-3", done), Request(null), rig.Temp.File("x.mp4"), null, cancellationToken));
        Assert.That(fetch!.Message, Does.Contain(done));
    }

    [Test]
    public async Task Input_the_model_does_not_take_and_flagged_input_are_refused_as_invalid_and_a_wrong_key_is_fatal(CancellationToken cancellationToken)
    {
        await using var rig = await OpenRouterRig.StartAsync(cancellationToken: cancellationToken);
        var generator = new OpenRouterClipGenerator(rig.Client, Profile(Veo));
        var tooLong = Request(null) with { Seconds = 5 };
        var refused = Assert.ThrowsAsync<SubmissionRefusedException>(async () => await generator.SubmitAsync(tooLong, cancellationToken));
        rig.Server.Faults.Enqueue(FakeFault.Error(403, null, "Your input was flagged by moderation"), FakeEndpoint.Create);
        var flagged = Assert.ThrowsAsync<SubmissionRefusedException>(async () => await generator.SubmitAsync(Request(null), cancellationToken));
        var wrongKey = Assert.ThrowsAsync<SubmissionRefusedException>(async () =>
            await new OpenRouterClipGenerator(rig.NewClient(o => o.ApiKey = "sk-or-v1-wrong-key"), Profile(Veo)).SubmitAsync(Request(null), cancellationToken));

        Assert.That((refused!.InvalidInput, refused.IsFatal), Is.EqualTo((true, false)));
        Assert.That(refused.Message, Does.Contain("duration 5 is not supported"));
        Assert.That(flagged!.InvalidInput, Is.True);
        Assert.That(flagged.Message, Does.Contain("flagged"));
        Assert.That(wrongKey!.IsFatal, Is.True);
        Assert.That(wrongKey.Message, Does.Contain("OPENROUTER_API_KEY").And.Not.Contain("sk-or-v1-wrong-key"));
        Assert.That(rig.Server.JobsCreated, Is.Zero);
    }

    [Test]
    public async Task A_download_cut_short_is_fetched_again_and_an_expired_storage_url_is_replaced_by_a_fresh_redirect(CancellationToken cancellationToken)
    {
        await using var rig = await OpenRouterRig.StartAsync(cancellationToken: cancellationToken);
        var id = await rig.Client.SubmitAsync(await VeoBodyAsync(rig, cancellationToken), cancellationToken);
        await rig.Client.WaitAsync(id, null, cancellationToken);
        rig.Server.Downloads.Faults.Enqueue(FakeFault.TruncatedBody());
        rig.Server.Downloads.Faults.Enqueue(FakeFault.Error(403, null, "AccessDenied: Request has expired."));

        var path = rig.Temp.File("clip.mp4");
        await rig.Client.DownloadAsync(id, path, null, cancellationToken);
        var info = await OpenRouterRig.ProbeAsync(path, cancellationToken);

        Assert.That(info.Duration.TotalSeconds, Is.EqualTo(4).Within(0.1));
        Assert.That(rig.Server.Downloads.Requests.Count(r => r.Fault is not null), Is.EqualTo(2));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Content), Is.EqualTo(3), "each storage URL came from the content endpoint again");
    }

    [Test]
    public async Task A_content_url_on_another_host_gets_no_key_and_when_it_is_refused_the_content_endpoint_is_used(CancellationToken cancellationToken)
    {
        await using var rig = await OpenRouterRig.StartAsync(cancellationToken: cancellationToken);
        var id = await rig.Client.SubmitAsync(await VeoBodyAsync(rig, cancellationToken), cancellationToken);
        await rig.Client.WaitAsync(id, null, cancellationToken);
        var foreign = new Uri(rig.Server.Downloads.Root, "o/not-signed-for-you").ToString();
        // Every poll from now on names a URL on the storage host that refuses it.
        rig.Server.Faults.AddRule(request => request.Endpoint != FakeEndpoint.Retrieve ? null : FakeFault.Respond("a completed job whose content URL is on the storage host", async context =>
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(new JsonObject { ["id"] = id, ["polling_url"] = $"/api/v1/videos/{id}", ["status"] = "completed", ["unsigned_urls"] = new JsonArray(foreign) }.ToJsonString());
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(bytes);
        }));

        await rig.Client.DownloadAsync(id, rig.Temp.File("clip.mp4"), null, cancellationToken);

        var storage = rig.Server.Downloads.Requests;
        Assert.That(storage.First().PathAndQuery, Is.EqualTo("/o/not-signed-for-you"), "the server's URL was tried first");
        Assert.That(storage.First().StatusCode, Is.EqualTo(403));
        Assert.That(storage.Select(r => r.CarriedCredential), Is.All.False, "no key to another host, not even the one the server named");
        Assert.That(rig.Server.Requests.Last().PathAndQuery, Is.EqualTo($"/api/v1/videos/{id}/content?index=0"));
    }

    [Test]
    public async Task The_model_list_says_what_each_model_takes(CancellationToken cancellationToken)
    {
        await using var rig = await OpenRouterRig.StartAsync(cancellationToken: cancellationToken);

        var models = await rig.Client.ModelsAsync(cancellationToken);

        var veo = models.Single(m => m.Id == Veo);
        Assert.That((veo.Durations, veo.Resolutions, veo.FrameImages), Is.EqualTo((new[] { 4, 6, 8 }, new[] { "720p", "1080p" }, new[] { "first_frame", "last_frame" })));
    }

    [Test]
    public void The_base_url_includes_api_v1_and_the_videos_path_is_refused()
    {
        var good = new OpenRouterOptions { ApiKey = "sk-or-v1-x" };
        var pasted = new OpenRouterOptions { ApiKey = "sk-or-v1-x", BaseUrl = "https://openrouter.ai/api/v1/videos" };

        Assert.That(good.BaseUrl, Is.EqualTo("https://openrouter.ai/api/v1"));
        Assert.That(good.Validate(), Is.Empty);
        Assert.That(pasted.Validate(), Has.Some.Contains("RECREATION_OpenRouter__BaseUrl"));
    }

    private static Core.Profiles.ModelProfile Profile(string name) => ProviderRegistry.BuiltIn.Catalog().Find(name)!;

    private static ClipRequest Request(string? image) =>
        new("a-1", "a", 1, 1, "A kite rises over the dunes.", Veo, new FrameSize(1280, 720), 4, image, [], "cache-key");

    private static async Task<JsonObject> VeoBodyAsync(OpenRouterRig rig, CancellationToken cancellationToken)
    {
        var image = await FakeImages.WritePngAsync(rig.Temp.File($"first-{Guid.NewGuid():N}.png"), 1280, 720, cancellationToken);
        return OpenRouterInputs.Build(Profile(Veo), Request(image), await DataUri.FromImageAsync(image, cancellationToken));
    }
}