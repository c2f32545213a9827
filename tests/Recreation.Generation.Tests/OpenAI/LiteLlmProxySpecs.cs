using Recreation.Core.Model;
using Recreation.Generation.OpenAI;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenAI;

/// <summary>
/// The client against a fake that answers as a LiteLLM proxy in front of Vertex AI Veo does
/// (<see cref="FakeVideosApiOptions.LiteLlmVeo"/>; issue 13, item 5): ids of about 300 characters,
/// <c>processing</c> while a job runs, a video object without progress, size or seconds.
/// </summary>
[CancelAfter(60_000)]
public class LiteLlmProxySpecs
{
    [Test]
    public async Task A_clip_through_a_LiteLLM_Veo_proxy_keeps_its_long_id_is_polled_through_processing_and_is_downloaded(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(o => o with { LiteLlmVeo = true }, cancellationToken: cancellationToken);

        var created = await rig.Client.CreateAsync(VideosApiRig.Tiny(seconds: 2), "clip-litellm-1", cancellationToken);
        Assert.That(created.Id.Length, Is.GreaterThan(256), "a Vertex operation name inside LiteLLM's base64 id");
        Assert.That(created.Status, Is.EqualTo("processing"));

        var done = await rig.Client.WaitAsync(created.Id, null, cancellationToken);
        Assert.That(done.Status, Is.EqualTo("completed"), "processing is polled, not taken as the end of the job");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Retrieve), Is.GreaterThan(1));

        var path = rig.Temp.File("clip.mp4");
        await rig.Client.DownloadContentAsync(done.Id, VideoContentVariant.Video, path, 2, null, cancellationToken);
        var info = await VideosApiRig.ProbeAsync(path, cancellationToken);
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(2).Within(0.1));
        Assert.That(rig.Server.JobsCreated, Is.EqualTo(1));
    }

    [Test]
    public async Task The_openai_backend_generates_a_clip_with_a_first_frame_through_a_LiteLLM_Veo_proxy(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(o => o with { LiteLlmVeo = true }, cancellationToken: cancellationToken);
        var image = await FakeImages.WritePngAsync(rig.Temp.File("first.png"), 320, 180, cancellationToken);
        var generator = new OpenAIClipGenerator(rig.Client);
        var request = new ClipRequest("s1-1", "s1", 1, 1, "A red ball rolls slowly across a wooden table.", FakeVideoModel.TestTiny.Name, new FrameSize(320, 180), 1, image, [], "cache-key-litellm");

        var job = await generator.SubmitAsync(request, cancellationToken);
        var outcome = await generator.AwaitAsync(job, null, cancellationToken);
        Assert.That(outcome.Kind, Is.EqualTo(JobOutcomeKind.Completed), outcome.FailureReason);
        await generator.FetchAsync(job, request, rig.Temp.File("s1-1.mp4"), null, cancellationToken);

        Assert.That(rig.Server.Jobs.Single().InputImage?.Transport, Is.EqualTo("multipart"), "LiteLLM's Veo mapping reads input_reference as an uploaded file");
        Assert.That(new FileInfo(rig.Temp.File("s1-1.mp4")).Length, Is.GreaterThan(0));
    }

    [TestCase("processing", false)]
    [TestCase("queued", false)]
    [TestCase("in_progress", false)]
    [TestCase("completed", true)]
    [TestCase("failed", true)]
    [TestCase("cancelled", true)]
    public void Processing_is_a_running_status_as_LiteLLM_sends_for_Veo(string status, bool terminal) =>
        Assert.That(VideoStatus.IsTerminal(status), Is.EqualTo(terminal));
}