using Recreation.Generation.Providers;
using Recreation.Pipeline.Running;
using Recreation.Testing;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

using static Recreation.Pipeline.Tests.Providers.ProviderRuns;

namespace Recreation.Pipeline.Tests.Providers;

/// <summary>
/// The gemini and runway providers end to end, through the registry and the user's settings (base
/// URL and timings from configuration, the key from the environment), against their fakes with
/// three requests in ten failing at random on both listeners: six clips with a reference image and
/// <c>chain: last-frame</c> finish with exactly one job each, every first frame reached the service
/// at the generation size, and no request to the download host carried a credential.
/// </summary>
[CancelAfter(600_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public class DirectProviderRunSpecs
{
    [Test]
    public async Task Gemini_six_clips_with_a_reference_image_and_last_frame_chaining_under_30_percent_faults(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-gemini-run");
        await using var server = await FakeGeminiServer.StartAsync(new FakeProviderOptions { RandomFaultRate = 0.3, Seed = 21, PollsToComplete = 2 }, cancellationToken);
        var scene = Scene(temp, "gemini", "veo-3.1-fast-generate-preview", seconds: 4, everySceneHasImage: false);
        var settings = ProviderRuns.Settings("Gemini", server.BaseUrl, ("GEMINI_API_KEY", server.ApiKey));

        var summary = await Orchestrator(settings).RunAsync(ProviderRegistry.BuiltIn.Compile(scene), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(server.JobsCreated, Is.EqualTo(6), "exactly one operation per clip");
        Assert.That(server.Requests.Count(r => r.Fault is not null) + server.Downloads.Requests.Count(r => r.Fault is not null), Is.GreaterThan(5), "the faults really happened");
        // harbour-1 starts on the reference image, every second clip on its first clip's last frame; market-1 and lamps-1 have none.
        Assert.That(server.Jobs.Count(j => j.FirstFrame is not null), Is.EqualTo(4));
        Assert.That(server.Jobs.Select(j => j.FirstFrame).OfType<FakeInputImage>(), Has.All.Matches<FakeInputImage>(i => (i.Width, i.Height) == (1280, 720)), "every first frame at the generation size");
        Assert.That(server.Downloads.Requests, Is.Not.Empty);
        Assert.That(server.Downloads.Requests.Select(r => r.CarriedCredential), Is.All.False, "no key to the download host");
        Assert.That(summary.SpentUsd, Is.EqualTo(6 * 4 * 0.15m));
        await AssertValidAsync(temp, TimeSpan.FromSeconds(23.9), cancellationToken);
    }

    [Test]
    public async Task Runway_six_gen4_turbo_clips_with_reference_images_and_last_frame_chaining_under_30_percent_faults(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-runway-run");
        await using var server = await FakeRunwayServer.StartAsync(new FakeProviderOptions { RandomFaultRate = 0.3, Seed = 23, PollsToComplete = 2 }, cancellationToken);
        var scene = Scene(temp, "runway", "gen4_turbo", seconds: 2, everySceneHasImage: true);
        var settings = ProviderRuns.Settings("Runway", server.BaseUrl, ("RUNWAYML_API_SECRET", server.ApiKey));

        var summary = await Orchestrator(settings).RunAsync(ProviderRegistry.BuiltIn.Compile(scene), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(server.JobsCreated, Is.EqualTo(6), "exactly one task per clip");
        Assert.That(server.Requests.Count(r => r.Fault is not null) + server.Downloads.Requests.Count(r => r.Fault is not null), Is.GreaterThan(5), "the faults really happened");
        Assert.That(server.Jobs.Select(j => j.FirstFrame), Has.All.Not.Null.And.All.Matches<FakeInputImage>(i => (i.Width, i.Height) == (1280, 720)), "each clip started on an image of the generation size");
        Assert.That(server.Downloads.Requests.Select(r => r.CarriedCredential), Is.All.False, "no key, no Authorization to the download host");
        Assert.That(summary.SpentUsd, Is.EqualTo(6 * 2 * 0.05m));
        await AssertValidAsync(temp, TimeSpan.FromSeconds(11.9), cancellationToken);
    }

    /// <summary>Three scenes of two clips; the first scene (or every scene) starts on a 640x360 reference image, scaled to the generation size before it is sent.</summary>
    private static string Scene(TempDirectory temp, string backend, string model, int seconds, bool everySceneHasImage)
    {
        File.WriteAllBytes(temp.File("ref.png"), FakeImages.Png(640, 360));
        var image = everySceneHasImage ? ", reference_image: ref.png" : "";
        var yaml = $$"""
            version: 1
            title: Direct {{backend}}
            target: { backend: {{backend}}, model: {{model}}, size: 1280x720, concurrency: 2 }
            planning: { max_clip_seconds: {{seconds}} }
            continuity: { chain: last-frame }
            output: { path: out/film.mp4, size: 320x180, fps: 24, loudness: null }
            palette: ["#203040", "#a0b0c0"]
            scenes:
              - { id: harbour, duration: {{2 * seconds}}, description: Boats rock in a grey harbour at dawn., reference_image: ref.png }
              - { id: market, duration: {{2 * seconds}}, description: A fish market opens its shutters.{{image}} }
              - { id: lamps, duration: {{2 * seconds}}, description: The harbour lamps come on.{{image}} }
            """;
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}