using System.Text.Json.Nodes;

using Recreation.Core.Model;
using Recreation.Generation.Aggregators;
using Recreation.Generation.Fal;
using Recreation.Generation.Http;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.Fal;

/// <summary>fal's queue through <see cref="FalClient"/> against the fake: URLs for model ids with slashes, the key scheme, and every fault the brief names.</summary>
[CancelAfter(120_000)]
public class FalClientSpecs
{
    private const string KlingImage = "fal-ai/kling-video/v2.1/standard/image-to-video";

    [Test]
    public async Task A_request_is_submitted_under_the_full_model_id_polled_and_fetched_under_owner_and_app_and_downloaded_without_the_key(CancellationToken cancellationToken)
    {
        await using var rig = await FalRig.StartAsync(cancellationToken: cancellationToken);

        var id = await rig.Client.SubmitAsync(KlingImage, await KlingInputAsync(rig, cancellationToken), cancellationToken);
        var status = await rig.Client.WaitAsync(KlingImage, id, null, cancellationToken);
        var path = rig.Temp.File("clip.mp4");
        await rig.Client.DownloadAsync(KlingImage, id, path, null, cancellationToken);

        Assert.That(status.IsCompleted, Is.True);
        var paths = rig.Server.Requests.Select(r => r.PathAndQuery).ToList();
        Assert.That(paths[0], Is.EqualTo("/" + KlingImage));
        Assert.That(paths.Skip(1), Has.All.StartWith($"/fal-ai/kling-video/requests/{id}"));
        var info = await FalRig.ProbeAsync(path, cancellationToken);
        Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((1280, 720)));
        Assert.That(info.Duration.TotalSeconds, Is.EqualTo(5).Within(0.1));
        Assert.That(rig.Server.Downloads.Requests.Select(d => d.CarriedCredential), Is.All.False);
        Assert.That(FalClient.AppOf(KlingImage), Is.EqualTo("fal-ai/kling-video"));
    }

    [Test]
    public async Task Error_answers_to_a_submit_are_retried_and_make_one_request(CancellationToken cancellationToken)
    {
        await using var rig = await FalRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.ServerError(), FakeEndpoint.Create);
        rig.Server.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromMilliseconds(300)), FakeEndpoint.Create);

        var id = await rig.Client.SubmitAsync(KlingImage, await KlingInputAsync(rig, cancellationToken), cancellationToken);

        Assert.That(id, Is.Not.Empty);
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(1));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(3));
    }

    [Test]
    public async Task A_submit_whose_answer_was_lost_is_in_doubt_and_not_sent_again(CancellationToken cancellationToken)
    {
        await using var rig = await FalRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.DropAfterHandling(), FakeEndpoint.Create);

        var error = Assert.ThrowsAsync<ServiceApiException>(async () => await rig.Client.SubmitAsync(KlingImage, await KlingInputAsync(rig, cancellationToken), cancellationToken));

        Assert.That(error!.IsInDoubt, Is.True);
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(1), "never resent on its own");
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(1), "the request exists on the service");
    }

    [Test]
    public async Task A_submit_cut_off_before_the_service_read_it_is_in_doubt_too_since_the_client_cannot_tell(CancellationToken cancellationToken)
    {
        await using var rig = await FalRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.DropBeforeHandling(), FakeEndpoint.Create);

        var error = Assert.ThrowsAsync<ServiceApiException>(async () => await rig.Client.SubmitAsync(KlingImage, await KlingInputAsync(rig, cancellationToken), cancellationToken));

        Assert.That(error!.IsInDoubt, Is.True);
        Assert.That((rig.Server.CountRequests(FakeEndpoint.Create), rig.Server.JobsCreated), Is.EqualTo((1, 0)));
    }

    [Test]
    public async Task A_failed_job_shows_in_its_result_as_refused_input_and_a_filtered_one_as_failed(CancellationToken cancellationToken)
    {
        await using var rig = await FalRig.StartAsync(cancellationToken: cancellationToken);
        var profile = ProviderRegistryProfile(KlingImage);
        var generator = new FalClipGenerator(rig.Client, profile);
        rig.Server.Faults.Enqueue(FakeFault.FailJob("value_error", "image_url: the image is too small"), FakeEndpoint.Create);
        var refused = await generator.AwaitAsync(new GenerationJob("a-1", await rig.Client.SubmitAsync(KlingImage, await KlingInputAsync(rig, cancellationToken), cancellationToken)), null, cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.FilteredJob("flagged by a content checker"), FakeEndpoint.Create);
        var filtered = await generator.AwaitAsync(new GenerationJob("a-2", await rig.Client.SubmitAsync(KlingImage, await KlingInputAsync(rig, cancellationToken), cancellationToken)), null, cancellationToken);

        Assert.That((refused.Kind, refused.FailureReason), Is.EqualTo((JobOutcomeKind.RefusedAsInvalid, refused.FailureReason)));
        Assert.That(refused.FailureReason, Does.Contain("too small"));
        Assert.That(filtered.Kind, Is.EqualTo(JobOutcomeKind.FailedByService));
        Assert.That(filtered.FailureReason, Does.StartWith("content_policy_violation").And.Contain("content checker"));
    }

    [Test]
    public async Task A_download_cut_short_is_fetched_again_and_an_expired_url_is_replaced_by_a_fresh_result(CancellationToken cancellationToken)
    {
        await using var rig = await FalRig.StartAsync(cancellationToken: cancellationToken);
        var id = await rig.Client.SubmitAsync(KlingImage, await KlingInputAsync(rig, cancellationToken), cancellationToken);
        await rig.Client.WaitAsync(KlingImage, id, null, cancellationToken);
        rig.Server.Downloads.Faults.Enqueue(FakeFault.TruncatedBody());
        var path = rig.Temp.File("clip.mp4");

        await rig.Client.DownloadAsync(KlingImage, id, path, null, cancellationToken);
        var whole = new FileInfo(path).Length;
        await rig.Client.ResultUrlAsync(KlingImage, id, cancellationToken);
        rig.Server.Downloads.ExpireAll();
        var again = rig.Temp.File("again.mp4");
        await rig.Client.DownloadAsync(KlingImage, id, again, null, cancellationToken);

        Assert.That(new FileInfo(again).Length, Is.EqualTo(whole));
        Assert.That(rig.Server.Downloads.Requests.Count(r => r.Fault is not null), Is.EqualTo(1));
    }

    [Test]
    public async Task Cancel_stops_a_queued_request_and_a_finished_one_counts_as_done(CancellationToken cancellationToken)
    {
        await using var rig = await FalRig.StartAsync(cancellationToken: cancellationToken);
        var id = await rig.Client.SubmitAsync(KlingImage, await KlingInputAsync(rig, cancellationToken), cancellationToken);

        await rig.Client.CancelAsync(KlingImage, id, cancellationToken);
        await rig.Client.CancelAsync(KlingImage, id, cancellationToken);

        Assert.That((rig.Server.Jobs.Single().Status, rig.Server.Jobs.Single().Billed), Is.EqualTo(("COMPLETED", false)), "cancelled: over, and not billed");
        Assert.That(rig.Server.Requests.Count(r => r.Endpoint == FakeEndpoint.Delete), Is.EqualTo(2));
    }

    [Test]
    public async Task A_wrong_key_is_fatal_and_names_FAL_KEY(CancellationToken cancellationToken)
    {
        await using var rig = await FalRig.StartAsync(cancellationToken: cancellationToken);
        var client = rig.NewClient(o => o.ApiKey = "wrong-key");

        var error = Assert.ThrowsAsync<Recreation.Generation.SubmissionRefusedException>(async () =>
            await new FalClipGenerator(client, ProviderRegistryProfile(KlingImage)).SubmitAsync(
                new ClipRequest("a-1", "a", 1, 1, "A kite.", KlingImage, new FrameSize(1280, 720), 5, await FakeImages.WritePngAsync(rig.Temp.File("f.png"), 1280, 720, cancellationToken), [], "k"),
                cancellationToken));

        Assert.That(error!.IsFatal, Is.True);
        Assert.That(error.Message, Does.Contain("FAL_KEY").And.Not.Contain("wrong-key"));
    }

    private static Core.Profiles.ModelProfile ProviderRegistryProfile(string name) =>
        Generation.Providers.ProviderRegistry.BuiltIn.Catalog().Find(name)!;

    private static async Task<JsonObject> KlingInputAsync(FalRig rig, CancellationToken cancellationToken)
    {
        var image = await FakeImages.WritePngAsync(rig.Temp.File($"first-{Guid.NewGuid():N}.png"), 1280, 720, cancellationToken);
        var request = new ClipRequest("a-1", "a", 1, 1, "A kite rises.", KlingImage, new FrameSize(1280, 720), 5, image, [], "cache-key");
        return ModelInputs.Build(ProviderRegistryProfile(KlingImage).Inputs!, request, await DataUri.FromImageAsync(image, cancellationToken));
    }
}