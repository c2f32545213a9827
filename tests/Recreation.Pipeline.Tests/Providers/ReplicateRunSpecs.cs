using Recreation.Generation.Providers;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Testing;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

using static Recreation.Pipeline.Tests.Providers.ProviderRuns;

namespace Recreation.Pipeline.Tests.Providers;

/// <summary>
/// The replicate provider end to end, through the registry and the user's settings, against the fake
/// Replicate API: six clips under three faults in ten (creates dropped before and after the prediction
/// is made among them) finish with one prediction each, each carrying exactly the inputs the profile
/// maps (names and JSON types), and the token reaches only the hosts it may; a create whose answer was
/// lost and could not be settled in its run is found in the list by the next run, which creates nothing new;
/// a model none of the built-in profiles has runs from the README's profile alone.
/// </summary>
[CancelAfter(600_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public class ReplicateRunSpecs
{
    [Test]
    public async Task Six_kling_clips_under_30_percent_faults_make_one_prediction_each_with_exactly_the_mapped_inputs(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-replicate-run");
        // The file host wants no token here and is not one the token may go to (the default key hosts
        // are Replicate's own): it must get nothing.
        await using var server = await FakeReplicateServer.StartAsync(new FakeProviderOptions { RandomFaultRate = 0.3, Seed = 31, PollsToComplete = 2 }, requireKeyOnDownloads: false, cancellationToken);
        var scene = Scene(temp, "kwaivgi/kling-v2.1");
        // One create is sure to be handled and its answer lost (the random ones depend on timing).
        server.Faults.Enqueue(FakeFault.DropAfterHandling(), FakeEndpoint.Create);

        var summary = await Orchestrator(Settings(server, keyHosts: null)).RunAsync(ProviderRegistry.BuiltIn.Compile(scene), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(server.JobsCreated, Is.EqualTo(6), "exactly one prediction per clip");
        Assert.That(server.Requests.Count(r => r.Fault is not null) + server.Downloads.Requests.Count(r => r.Fault is not null), Is.GreaterThan(5), "the faults really happened");
        Assert.That(server.Requests.Where(r => r.Endpoint == FakeEndpoint.Create).Select(r => r.Fault?.Kind), Has.Some.EqualTo(FakeFaultKind.DropAfterHandling), "a create's answer was lost after the prediction was made, and it was found in the list");
        foreach (var submission in server.Submissions)
        {
            Assert.That((submission.Model, submission.Version), Is.EqualTo(("kwaivgi/kling-v2.1", (string?)null)));
            Assert.That(Shape(submission.Input), Is.EquivalentTo(new[]
            {
                "prompt:String", "duration:Number", "start_image:String", "negative_prompt:String", "mode:String",
            }), submission.Input.ToJsonString());
            Assert.That(submission.Input["duration"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(submission.Input["start_image"]!.GetValue<string>(), Does.StartWith("data:image/png;base64,"));
            Assert.That(submission.Input["mode"]!.GetValue<string>(), Is.EqualTo("standard"));
        }

        Assert.That(server.Jobs.Select(j => j.FirstFrame), Has.All.Not.Null.And.All.Matches<FakeInputImage>(i => (i.Width, i.Height) == (1280, 720)), "each clip started on an image of the generation size");
        Assert.That(server.Requests.Where(r => r.StatusCode != 0).Select(r => r.AuthScheme), Has.All.EqualTo("bearer"));
        Assert.That(server.Downloads.Requests, Is.Not.Empty);
        Assert.That(server.Downloads.Requests.Select(r => r.CarriedCredential), Is.All.False, "no token to a file host it may not go to");
        Assert.That(summary.SpentUsd, Is.EqualTo(6 * 5 * 0.05m));
        await AssertValidAsync(temp, TimeSpan.FromSeconds(29.9), cancellationToken);
    }

    [Test]
    public async Task A_lost_create_answer_the_run_could_not_settle_is_found_in_the_list_by_the_rerun_which_creates_nothing_new(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-replicate-lost");
        await using var server = await FakeReplicateServer.StartAsync(new FakeProviderOptions { PollsToComplete = 2 }, requireKeyOnDownloads: true, cancellationToken);
        var scene = Scene(temp, "kwaivgi/kling-v2.1");
        // The third create is handled (the prediction made) and its answer lost; the list is down for the rest of the run.
        var listDown = true;
        LoseTheThirdCreate(server, () => Volatile.Read(ref listDown));
        var orchestrator = Orchestrator(Settings(server, keyHosts: server.DownloadHost));

        var first = await orchestrator.RunAsync(ProviderRegistry.BuiltIn.Compile(scene), new RunOptions(), null, cancellationToken);

        Assert.That(first.Succeeded, Is.False);
        Assert.That(first.Clips.Where(c => c.State != ClipState.Conformed).Select(c => c.ClipId).ToList(), Has.Count.EqualTo(1), string.Join("; ", first.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        var lost = first.Clips.Single(c => c.State != ClipState.Conformed);
        Assert.That(lost.Error, Does.Contain("answer was lost"));
        Assert.That((server.JobsCreated, server.CountRequests(FakeEndpoint.Create)), Is.EqualTo((6, 6)), "the lost create was not sent again in its run: the list could not settle it");

        Volatile.Write(ref listDown, false);
        var second = await orchestrator.RunAsync(ProviderRegistry.BuiltIn.Compile(scene), new RunOptions(), null, cancellationToken);

        Assert.That(second.Succeeded, string.Join("; ", second.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That((server.JobsCreated, server.CountRequests(FakeEndpoint.Create)), Is.EqualTo((6, 6)), "the rerun adopted the lost prediction and created nothing");
        var record = RunLedger.Open(Path.Combine(second.Workspace, "ledger.json")).Find(lost.ClipId)!;
        Assert.That(record.JobId, Is.EqualTo(server.Submissions[2].PredictionId), "the clip's job is the prediction whose create answer was lost");
        Assert.That(server.Downloads.Requests.Where(r => r.StatusCode == 200).Select(r => r.HadAuthorization), Is.All.True, "the file host got the token it needs");
        await AssertValidAsync(temp, TimeSpan.FromSeconds(29.9), cancellationToken);
    }

    [Test]
    public async Task A_lost_create_the_list_cannot_settle_is_in_doubt_on_the_rerun_and_resubmit_in_doubt_sends_it_again_counting_both(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-replicate-undecided");
        await using var server = await FakeReplicateServer.StartAsync(new FakeProviderOptions { PollsToComplete = 2 }, requireKeyOnDownloads: true, cancellationToken);
        // One prediction a page and one page looked at: the list never reaches back to the lost
        // create's time, so it can neither find the prediction nor prove there is none.
        // In the first run the list is down, so the run that lost the answer cannot look.
        server.PageSize = 1;
        var listDown = true;
        LoseTheThirdCreate(server, () => Volatile.Read(ref listDown));
        var scene = Scene(temp, "kwaivgi/kling-v2.1");
        var orchestrator = Orchestrator(Settings(server, keyHosts: server.DownloadHost, reconcilePages: 1));

        var first = await orchestrator.RunAsync(ProviderRegistry.BuiltIn.Compile(scene), new RunOptions(), null, cancellationToken);
        var lost = first.Clips.Single(c => c.State != ClipState.Conformed);
        Assert.That(lost.Error, Does.Contain("answer was lost"));
        Assert.That(server.JobsCreated, Is.EqualTo(6));
        Volatile.Write(ref listDown, false);

        var second = await orchestrator.RunAsync(ProviderRegistry.BuiltIn.Compile(scene), new RunOptions(), null, cancellationToken);

        Assert.That(second.InDoubt.Select(c => c.ClipId), Is.EqualTo(new[] { lost.ClipId }), string.Join("; ", second.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        var doubt = second.InDoubt.Single();
        Assert.That(doubt.Error, Does.Contain("replicate.com/predictions").And.Contain("--resubmit-in-doubt").And.Contain("more than 1 pages"));
        Assert.That(second.AtRiskUsd, Is.EqualTo(5 * 0.05m), "the lost prediction may have run: its estimate is at risk");
        Assert.That(server.JobsCreated, Is.EqualTo(6), "nothing is sent again on its own");

        var third = await orchestrator.RunAsync(ProviderRegistry.BuiltIn.Compile(scene), new RunOptions(ResubmitInDoubt: true), null, cancellationToken);

        Assert.That(third.Succeeded, string.Join("; ", third.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(server.JobsCreated, Is.EqualTo(7), "the user asked: the clip was sent again, once");
        var record = RunLedger.Open(Path.Combine(third.Workspace, "ledger.json")).Find(lost.ClipId)!;
        Assert.That(record.JobId, Is.EqualTo(server.Submissions[6].PredictionId));
        Assert.That((record.EarlierSpentUsd, record.SpentUsd), Is.EqualTo((5 * 0.05m, 5 * 0.05m)), "the lost prediction stays counted as spent: no one could tell that it did not run");
        Assert.That(third.SpentUsd, Is.EqualTo(6 * 5 * 0.05m), "each clip's own prediction; the lost one is carried in the ledger");
        await AssertValidAsync(temp, TimeSpan.FromSeconds(29.9), cancellationToken);
    }

    [Test]
    public async Task A_model_no_built_in_profile_has_runs_from_the_readmes_replicate_profile(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("recreation-replicate-user");
        await using var server = await FakeReplicateServer.StartAsync(new FakeProviderOptions { PollsToComplete = 2 }, requireKeyOnDownloads: true, cancellationToken);
        Assert.That(ProviderRegistry.BuiltIn.Catalog().Find("hailuo-2.3"), Is.Null, "the built-ins do not have it");
        Assert.That(ProviderRegistry.BuiltIn.Catalog().Names.Select(n => ProviderRegistry.BuiltIn.Catalog().Find(n)!.ModelId), Has.None.EqualTo("minimax/hailuo-2.3"));
        File.WriteAllText(temp.File("my-profiles.yaml"), ReadmeProfile(after: "And for Replicate"));
        var catalog = ProviderRegistry.BuiltIn.Catalog().WithFile(temp.File("my-profiles.yaml"));
        File.WriteAllBytes(temp.File("ref.png"), FakeImages.Png(640, 360));
        File.WriteAllText(temp.File("scene.yaml"), """
            version: 1
            title: Hailuo through Replicate
            target: { backend: replicate, model: hailuo-2.3, size: 1366x768, concurrency: 2 }
            planning: { max_clip_seconds: 6 }
            continuity: { chain: last-frame }
            output: { path: out/film.mp4, size: 320x180, fps: 24, loudness: null }
            palette: ["#203040", "#a0b0c0"]
            scenes:
              - { id: harbour, duration: 12, description: Boats rock in a grey harbour at dawn., reference_image: ref.png }
              - { id: lamps, duration: 6, description: The harbour lamps come on. }
            """);

        var summary = await Orchestrator(Settings(server, keyHosts: server.DownloadHost)).RunAsync(ProviderRegistry.BuiltIn.Compile(temp.File("scene.yaml"), catalog), new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId}: {c.State} {c.Error}")));
        Assert.That(server.Submissions, Has.Count.EqualTo(3));
        Assert.That(server.Submissions.Select(s => s.Model), Is.All.EqualTo("minimax/hailuo-2.3"));
        Assert.That(server.Requests.Where(r => r.Endpoint == FakeEndpoint.Create).Select(r => r.PathAndQuery), Is.All.EqualTo("/v1/models/minimax/hailuo-2.3/predictions"));
        // The harbour's clips start on its image and then on the previous clip's last frame; the lamps scene has no image.
        Assert.That(server.Submissions.Select(s => Shape(s.Input).Except(["first_frame_image:String"])), Has.All.EquivalentTo(new[] { "prompt:String", "duration:Number", "resolution:String", "prompt_optimizer:False" }));
        Assert.That(server.Submissions.Count(s => s.Input["first_frame_image"]?.GetValue<string>().StartsWith("data:image/png;base64,", StringComparison.Ordinal) == true), Is.EqualTo(2));
        Assert.That(server.Submissions.Select(s => (s.Input["duration"]!.GetValue<int>(), s.Input["resolution"]!.GetValue<string>())), Is.All.EqualTo((6, "768p")));
        Assert.That(server.Jobs.Select(j => (j.Width, j.Height)), Is.All.EqualTo((1366, 768)));
        Assert.That(summary.SpentUsd, Is.EqualTo(3 * 6 * 0.045m));
        await AssertValidAsync(temp, TimeSpan.FromSeconds(17.9), cancellationToken);
    }

    /// <summary>The third create is handled (the prediction made) and its answer lost; the list answers 503 while <paramref name="listDown"/> says so.</summary>
    private static void LoseTheThirdCreate(FakeReplicateServer server, Func<bool> listDown)
    {
        var creates = 0;
        server.Faults.AddRule(r => r.Endpoint switch
        {
            FakeEndpoint.List when listDown() => FakeFault.ServerError(503),
            FakeEndpoint.Create when Interlocked.Increment(ref creates) == 3 => FakeFault.DropAfterHandling(),
            _ => null,
        });
    }

    /// <summary>Three scenes of two five-second clips, each starting on a 640x360 reference image, scaled to the generation size before it is sent.</summary>
    private static string Scene(TempDirectory temp, string model)
    {
        File.WriteAllBytes(temp.File("ref.png"), FakeImages.Png(640, 360));
        var yaml = $$"""
            version: 1
            title: Through Replicate
            target: { backend: replicate, model: {{model}}, size: 1280x720, concurrency: 2 }
            planning: { max_clip_seconds: 5 }
            continuity: { chain: last-frame }
            output: { path: out/film.mp4, size: 320x180, fps: 24, loudness: null }
            palette: ["#203040", "#a0b0c0"]
            scenes:
              - { id: harbour, duration: 10, description: Boats rock in a grey harbour at dawn., reference_image: ref.png }
              - { id: market, duration: 10, description: A fish market opens its shutters., reference_image: ref.png }
              - { id: lamps, duration: 10, description: The harbour lamps come on., reference_image: ref.png }
            """;
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>The shared settings with Replicate's: a short wait before a lost create is looked for, and the hosts the token may go to (Replicate's own when null).</summary>
    private static ProviderSettings Settings(FakeReplicateServer server, string? keyHosts, int? reconcilePages = null)
    {
        var extra = new Dictionary<string, string?> { ["Replicate:ReconcileDelay"] = "00:00:00.050" };
        if (reconcilePages is { } pages)
        {
            extra["Replicate:ReconcilePages"] = pages.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (keyHosts is not null)
        {
            extra["Replicate:KeyHosts"] = keyHosts;
        }

        return ProviderRuns.Settings("Replicate", server.BaseUrl, ("REPLICATE_API_TOKEN", server.ApiKey), extra);
    }
}