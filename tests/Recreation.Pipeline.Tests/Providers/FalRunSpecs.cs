using Recreation.Core.Profiles;
using Recreation.Generation.Providers;
using Recreation.Pipeline.Running;
using Recreation.Testing;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

using static Recreation.Pipeline.Tests.Providers.ProviderRuns;

namespace Recreation.Pipeline.Tests.Providers;

/// <summary>
/// The fal provider end to end, through the registry and the user's settings, against the fake fal
/// queue with three requests in ten failing at random on both listeners: six clips finish with one
/// request each, each request carries exactly the inputs the profile maps (names and JSON types),
/// and no request to the download host carried a credential. A model none of the built-in profiles
/// has runs from a user's profile file alone.
/// </summary>
[CancelAfter(600_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public class FalRunSpecs
{
    [Test]
    public async Task Six_kling_image_to_video_clips_under_30_percent_faults_send_exactly_the_mapped_inputs(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-fal-run");
        await using var server = await FakeFalServer.StartAsync(new FakeProviderOptions { RandomFaultRate = 0.3, Seed = 29, PollsToComplete = 2 }, cancellationToken);
        var scene = Scene(temp, "fal-ai/kling-video/v2.1/standard/image-to-video", everySceneHasImage: true);

        var summary = await Orchestrator(Settings(server)).RunAsync(ProviderRegistry.BuiltIn.Compile(scene), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(server.JobsCreated, Is.EqualTo(6), "exactly one request per clip");
        Assert.That(server.Requests.Count(r => r.Fault is not null) + server.Downloads.Requests.Count(r => r.Fault is not null), Is.GreaterThan(5), "the faults really happened");
        foreach (var submission in server.Submissions)
        {
            Assert.That(submission.ModelId, Is.EqualTo("fal-ai/kling-video/v2.1/standard/image-to-video"));
            Assert.That(Shape(submission.Input), Is.EquivalentTo(new[]
            {
                "prompt:String", "duration:String", "image_url:String", "negative_prompt:String", "cfg_scale:Number",
            }), submission.Input.ToJsonString());
            Assert.That(submission.Input["duration"]!.GetValue<string>(), Is.EqualTo("5"));
            Assert.That(submission.Input["image_url"]!.GetValue<string>(), Does.StartWith("data:image/png;base64,"));
            Assert.That(submission.Input["cfg_scale"]!.GetValue<decimal>(), Is.EqualTo(0.5m));
        }

        Assert.That(server.Jobs.Select(j => j.FirstFrame), Has.All.Not.Null.And.All.Matches<FakeInputImage>(i => (i.Width, i.Height) == (1280, 720)), "each clip started on an image of the generation size");
        Assert.That(server.Downloads.Requests, Is.Not.Empty);
        Assert.That(server.Downloads.Requests.Select(r => r.CarriedCredential), Is.All.False, "no key, no Authorization to the download host");
        Assert.That(summary.SpentUsd, Is.EqualTo(6 * 5 * 0.05m));
        await AssertValidAsync(temp, TimeSpan.FromSeconds(29.9), cancellationToken);
    }

    [Test]
    public async Task A_model_no_built_in_profile_has_runs_from_five_lines_of_a_users_profile_file(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-fal-user");
        await using var server = await FakeFalServer.StartAsync(new FakeProviderOptions { PollsToComplete = 2 }, cancellationToken);
        const string Model = "fal-ai/minimax/hailuo-02/standard/text-to-video";
        Assert.That(ProviderRegistry.BuiltIn.Catalog().Find(Model), Is.Null, "the built-ins do not have it");
        File.WriteAllText(temp.File("my-profiles.yaml"), ReadmeProfile());
        var catalog = ProviderRegistry.BuiltIn.Catalog().WithFile(temp.File("my-profiles.yaml"));
        var scene = Scene(temp, "hailuo", everySceneHasImage: false, seconds: 6, chain: false);

        var summary = await Orchestrator(Settings(server)).RunAsync(ProviderRegistry.BuiltIn.Compile(scene, catalog), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(server.Submissions, Has.Count.EqualTo(6));
        Assert.That(server.Submissions.Select(s => s.ModelId), Is.All.EqualTo(Model));
        Assert.That(server.Submissions.Select(s => Shape(s.Input)), Has.All.EquivalentTo(new[] { "prompt:String", "duration:String", "prompt_optimizer:False" }));
        Assert.That(server.Submissions.Select(s => s.Input["duration"]!.GetValue<string>()), Is.All.EqualTo("6"));
        Assert.That(summary.SpentUsd, Is.EqualTo(6 * 6 * 0.045m));
        await AssertValidAsync(temp, TimeSpan.FromSeconds(35.9), cancellationToken);
    }

    /// <summary>Three scenes of two clips; the first scene (or every scene) starts on a 640x360 reference image, scaled to the generation size before it is sent.</summary>
    private static string Scene(TempDirectory temp, string model, bool everySceneHasImage, int seconds = 5, bool chain = true)
    {
        File.WriteAllBytes(temp.File("ref.png"), FakeImages.Png(640, 360));
        var image = everySceneHasImage ? ", reference_image: ref.png" : "";
        var first = everySceneHasImage ? ", reference_image: ref.png" : "";
        var yaml = $$"""
            version: 1
            title: Through fal
            target: { backend: fal, model: {{model}}, size: 1280x720, concurrency: 2 }
            planning: { max_clip_seconds: {{seconds}} }
            {{(chain ? "continuity: { chain: last-frame }" : "")}}
            output: { path: out/film.mp4, size: 320x180, fps: 24, loudness: null }
            palette: ["#203040", "#a0b0c0"]
            scenes:
              - { id: harbour, duration: {{2 * seconds}}, description: Boats rock in a grey harbour at dawn.{{first}} }
              - { id: market, duration: {{2 * seconds}}, description: A fish market opens its shutters.{{image}} }
              - { id: lamps, duration: {{2 * seconds}}, description: The harbour lamps come on.{{image}} }
            """;
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static ProviderSettings Settings(FakeFalServer server) =>
        ProviderRuns.Settings("Fal", server.BaseUrl, ("FAL_KEY", server.ApiKey));
}