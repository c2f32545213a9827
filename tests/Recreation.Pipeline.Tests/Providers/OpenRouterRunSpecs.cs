using Recreation.Generation.Providers;
using Recreation.Pipeline.Running;
using Recreation.Testing;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

using static Recreation.Pipeline.Tests.Providers.ProviderRuns;

namespace Recreation.Pipeline.Tests.Providers;

/// <summary>
/// The openrouter provider end to end, through the registry and the user's settings, against the
/// fake OpenRouter with three requests in ten failing at random on both listeners: six clips with a
/// first-frame image finish with one job each, each job's body carries exactly the fields the profile
/// maps (names and JSON types, the frame as OpenRouter's frame_images entry), and no request to the
/// storage host carried a credential.
/// </summary>
[CancelAfter(600_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public class OpenRouterRunSpecs
{
    [Test]
    public async Task Six_veo_clips_with_first_frames_under_30_percent_faults_send_exactly_the_mapped_fields(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-openrouter-run");
        await using var server = await FakeOpenRouterServer.StartAsync(new FakeProviderOptions { RandomFaultRate = 0.3, Seed = 31, PollsToComplete = 2 }, cancellationToken);
        var scene = Scene(temp, "google/veo-3.1-fast", seconds: 4);

        var summary = await Orchestrator(Settings(server)).RunAsync(ProviderRegistry.BuiltIn.Compile(scene), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(server.JobsCreated, Is.EqualTo(6), "exactly one job per clip");
        Assert.That(server.Requests.Count(r => r.Fault is not null) + server.Downloads.Requests.Count(r => r.Fault is not null), Is.GreaterThan(5), "the faults really happened");
        foreach (var submission in server.Submissions)
        {
            var body = submission.Body;
            Assert.That(Shape(body), Is.EquivalentTo(new[]
            {
                "model:String", "prompt:String", "duration:Number", "aspect_ratio:String", "resolution:String", "frame_images:Array", "seed:Number", "generate_audio:False",
            }), body.ToJsonString());
            Assert.That(body["model"]!.GetValue<string>(), Is.EqualTo("google/veo-3.1-fast"));
            Assert.That((body["duration"]!.GetValue<int>(), body["aspect_ratio"]!.GetValue<string>(), body["resolution"]!.GetValue<string>()), Is.EqualTo((4, "16:9", "720p")));
            var frame = body["frame_images"]!.AsArray().Single()!.AsObject();
            Assert.That(Shape(frame), Is.EquivalentTo(new[] { "type:String", "image_url:Object", "frame_type:String" }));
            Assert.That((frame["type"]!.GetValue<string>(), frame["frame_type"]!.GetValue<string>()), Is.EqualTo(("image_url", "first_frame")));
            Assert.That(Shape(frame["image_url"]!.AsObject()), Is.EquivalentTo(new[] { "url:String" }));
            Assert.That(frame["image_url"]!["url"]!.GetValue<string>(), Does.StartWith("data:image/png;base64,"));
        }

        Assert.That(server.Jobs.Select(j => j.FirstFrame), Has.All.Not.Null.And.All.Matches<FakeInputImage>(i => (i.Width, i.Height) == (1280, 720)), "each clip started on an image of the generation size");
        Assert.That(server.Requests.Where(r => r.Endpoint != FakeEndpoint.Unknown).Select(r => r.AuthScheme), Is.All.EqualTo("bearer"));
        Assert.That(server.Downloads.Requests, Is.Not.Empty);
        Assert.That(server.Downloads.Requests.Select(r => r.CarriedCredential), Is.All.False, "no key, no Authorization to the storage host");
        Assert.That(summary.SpentUsd, Is.EqualTo(6 * 4 * 0.15m));
        await AssertValidAsync(temp, TimeSpan.FromSeconds(23.9), cancellationToken);
    }

    [Test]
    public async Task A_model_no_built_in_profile_has_runs_from_the_readmes_few_lines_of_a_users_profile_file(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-openrouter-user");
        await using var server = await FakeOpenRouterServer.StartAsync(new FakeProviderOptions { PollsToComplete = 2 }, cancellationToken);
        const string Model = "kwaivgi/kling-v3.0-std";
        Assert.That(ProviderRegistry.BuiltIn.Catalog().Names.Select(n => ProviderRegistry.BuiltIn.Catalog().Find(n)!.ModelId), Has.None.EqualTo(Model), "the built-ins do not have it");
        File.WriteAllText(temp.File("my-profiles.yaml"), ReadmeProfile(block: 2));
        var catalog = ProviderRegistry.BuiltIn.Catalog().WithFile(temp.File("my-profiles.yaml"));
        var scene = Scene(temp, "kling-3-std", seconds: 5, scenes: 1);

        var summary = await Orchestrator(Settings(server)).RunAsync(ProviderRegistry.BuiltIn.Compile(scene, catalog), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(server.Submissions, Has.Count.EqualTo(2));
        Assert.That(server.Submissions.Select(s => s.Model), Is.All.EqualTo(Model));
        Assert.That(server.Submissions.Select(s => Shape(s.Body)), Has.All.EquivalentTo(new[] { "model:String", "prompt:String", "duration:Number", "aspect_ratio:String", "frame_images:Array", "generate_audio:False" }));
        Assert.That(server.Submissions.Select(s => s.Body["duration"]!.GetValue<int>()), Is.All.EqualTo(5));
        Assert.That(summary.SpentUsd, Is.EqualTo(2 * 5 * 0.084m));
    }

    /// <summary>Scenes of two clips (three by default), each scene starting on a 640x360 reference image (scaled to the generation size before it is sent), each second clip on its first clip's last frame.</summary>
    private static string Scene(TempDirectory temp, string model, int seconds, int scenes = 3)
    {
        File.WriteAllBytes(temp.File("ref.png"), FakeImages.Png(640, 360));
        var yaml = $$"""
            version: 1
            title: Through OpenRouter
            target: { backend: openrouter, model: {{model}}, size: 1280x720, concurrency: 2 }
            planning: { max_clip_seconds: {{seconds}} }
            continuity: { chain: last-frame }
            output: { path: out/film.mp4, size: 320x180, fps: 24, loudness: null }
            palette: ["#203040", "#a0b0c0"]
            scenes:
              - { id: harbour, duration: {{2 * seconds}}, description: Boats rock in a grey harbour at dawn., reference_image: ref.png }
            {{(scenes > 1 ? $"  - {{ id: market, duration: {2 * seconds}, description: A fish market opens its shutters., reference_image: ref.png }}" : "")}}
            {{(scenes > 2 ? $"  - {{ id: lamps, duration: {2 * seconds}, description: The harbour lamps come on., reference_image: ref.png }}" : "")}}
            """;
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static ProviderSettings Settings(FakeOpenRouterServer server) =>
        ProviderRuns.Settings("OpenRouter", server.BaseUrl, ("OPENROUTER_API_KEY", server.ApiKey));
}