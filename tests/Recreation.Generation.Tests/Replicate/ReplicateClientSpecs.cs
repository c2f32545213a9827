using System.Text;
using System.Text.Json.Nodes;

using Recreation.Generation.Replicate;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.Replicate;

/// <summary>Replicate's predictions API through <see cref="ReplicateClient"/> and its generator against the fake: create by model or by version, the states, errors and outputs, the key's hosts, and every fault the brief names (a lost create: <see cref="ReplicateReconcileSpecs"/>).</summary>
[CancelAfter(120_000)]
public class ReplicateClientSpecs
{
    private const string Kling = ReplicateRig.Kling;

    [Test]
    public async Task A_prediction_is_created_by_model_polled_and_its_output_downloaded_with_the_token_on_the_file_host(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);

        var created = await rig.Client.CreateAsync(ReplicateModel.Parse(Kling), await rig.KlingInputAsync(cancellationToken), cancellationToken);
        var done = await rig.Client.WaitAsync(created.Id, null, cancellationToken);
        var path = rig.Temp.File("clip.mp4");
        await rig.Client.DownloadAsync(created.Id, path, null, cancellationToken);

        Assert.That((created.Status, done.Status), Is.EqualTo(("starting", "succeeded")));
        var create = rig.Server.Requests[0];
        Assert.That((create.Method, create.PathAndQuery), Is.EqualTo(("POST", "/v1/models/kwaivgi/kling-v2.1/predictions")));
        Assert.That(rig.Server.Submissions.Single().Version, Is.Null, "by model: no version in the body");
        Assert.That(rig.Server.Requests.Skip(1).Select(r => r.PathAndQuery), Has.All.EqualTo($"/v1/predictions/{created.Id}"));
        Assert.That(rig.Server.Authorizations, Has.All.EqualTo($"Bearer {rig.Server.ApiKey}"));
        Assert.That(rig.Server.Downloads.Requests.Select(d => (d.HadAuthorization, d.StatusCode)), Is.EqualTo(new[] { (true, 200) }), "the file host got the token it needs");
        var info = await ReplicateRig.ProbeAsync(path, cancellationToken);
        Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((1280, 720)));
        Assert.That(info.Duration.TotalSeconds, Is.EqualTo(5).Within(0.1));
    }

    [TestCase("pinned")]
    [TestCase("bare")]
    public async Task A_prediction_is_created_by_version_with_the_version_in_the_body(string form, CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        var version = FakeReplicateServer.VersionOf(Kling);
        var model = ReplicateModel.Parse(form == "pinned" ? $"{Kling}:{version}" : version);

        var created = await rig.Client.CreateAsync(model, await rig.KlingInputAsync(cancellationToken), cancellationToken);

        Assert.That(model.ByVersion, Is.True);
        Assert.That(rig.Server.Requests[0].PathAndQuery, Is.EqualTo("/v1/predictions"));
        Assert.That((rig.Server.Submissions.Single().Version, rig.Server.Submissions.Single().Model), Is.EqualTo((version, Kling)));
        Assert.That((created.Model, created.Version), Is.EqualTo((Kling, version)));
        Assert.That(model.Matches(created.Model, created.Version), Is.True);
        Assert.That(ReplicateModel.Parse(Kling).Matches(Kling, "another-version"), Is.True, "by model: any version of it");
    }

    [TestCase("kwaivgi kling")]
    [TestCase("kwaivgi/kling:notahash")]
    [TestCase("a/b/c")]
    public void A_model_in_none_of_the_three_forms_is_refused_before_anything_is_sent(string model) =>
        Assert.Throws<ArgumentException>(() => ReplicateModel.Parse(model));

    [Test]
    public async Task An_output_that_is_a_list_of_urls_is_downloaded_from_its_first_video(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.ListOutputs = true;
        var created = await rig.Client.CreateAsync(ReplicateModel.Parse(Kling), await rig.KlingInputAsync(cancellationToken), cancellationToken);

        var done = await rig.Client.WaitAsync(created.Id, null, cancellationToken);
        var path = rig.Temp.File("clip.mp4");
        await rig.Client.DownloadAsync(created.Id, path, null, cancellationToken);

        Assert.That(done.OutputUrls, Has.Count.EqualTo(1));
        Assert.That(ReplicateClipGenerator.Outcome(done).Completed, Is.True);
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(1000));
    }

    [Test]
    public void Outputs_are_read_as_a_url_a_list_of_urls_or_an_object_of_urls_and_anything_else_is_no_video()
    {
        static ReplicatePrediction Read(string output) =>
            ReplicatePrediction.Read(System.Text.Json.JsonDocument.Parse($$"""{"id":"abc","status":"succeeded","output":{{output}}}""").RootElement);

        Assert.That(Read("\"https://replicate.delivery/x/out.mp4\"").VideoUrl, Is.EqualTo(new Uri("https://replicate.delivery/x/out.mp4")));
        Assert.That(Read("[\"https://replicate.delivery/x/poster.png\", \"https://replicate.delivery/x/out.mp4\"]").VideoUrl!.AbsolutePath, Is.EqualTo("/x/out.mp4"), "the .mp4 of several files");
        Assert.That(Read("{\"video\": \"https://replicate.delivery/x/v.mp4\"}").VideoUrl!.AbsolutePath, Is.EqualTo("/x/v.mp4"));
        Assert.That(Read("\"a text, not a file\"").VideoUrl, Is.Null);
        Assert.That(ReplicateClipGenerator.Outcome(Read("42")).Kind, Is.EqualTo(JobOutcomeKind.FailedByService));
        Assert.That(ReplicateClipGenerator.Outcome(Read("null") with { DataRemoved = true }).Kind, Is.EqualTo(JobOutcomeKind.Expired));
    }

    [Test]
    public void Each_final_state_maps_to_a_neutral_outcome_with_the_services_words()
    {
        static JobOutcome Of(string status, string? error = null) =>
            ReplicateClipGenerator.Outcome(new ReplicatePrediction("abc", status, Kling, null, null, [], false, error, null, null, false));

        Assert.That(Of("failed", "Prediction failed: the model ran out of memory (E001)"), Is.EqualTo(JobOutcome.Failed("Prediction failed: the model ran out of memory (E001)")));
        var flagged = Of("failed", "The input or output was flagged as sensitive. Please try again with different inputs. (E005)");
        Assert.That((flagged.Kind, flagged.FailureReason), Is.EqualTo((JobOutcomeKind.FailedByService, "flagged as sensitive by Replicate: The input or output was flagged as sensitive. Please try again with different inputs. (E005)")));
        Assert.That(Of("canceled").FailureReason, Does.Contain("canceled on Replicate"));
        Assert.That(Of("aborted").FailureReason, Does.Contain("aborted by Replicate"));
        Assert.That(Of("failed").FailureReason, Does.Contain("failed without a reason"));
        foreach (var running in new[] { "starting", "processing", "queued-someday" })
        {
            Assert.That(new ReplicatePrediction("abc", running, null, null, null, [], false, null, null, null, false).IsTerminal, Is.False, running);
        }
    }

    [Test]
    public async Task A_failed_prediction_is_failed_with_its_reason_a_flagged_one_says_so_and_a_forgotten_one_is_expired(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        var generator = rig.Generator();
        rig.Server.Faults.Enqueue(FakeFault.FailJob("E001", "Prediction failed: CUDA out of memory (E001)"), FakeEndpoint.Create);
        var failed = await generator.AwaitAsync(await generator.SubmitAsync(await rig.RequestAsync("a-1", cancellationToken), cancellationToken), null, cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.FilteredJob("The input or output was flagged as sensitive."), FakeEndpoint.Create);
        var flagged = await generator.AwaitAsync(await generator.SubmitAsync(await rig.RequestAsync("a-2", cancellationToken), cancellationToken), null, cancellationToken);
        var forgotten = await generator.AwaitAsync(new GenerationJob("a-3", "nosuchprediction"), null, cancellationToken);

        Assert.That((failed.Kind, failed.FailureReason), Is.EqualTo((JobOutcomeKind.FailedByService, "Prediction failed: CUDA out of memory (E001)")));
        Assert.That(flagged.Kind, Is.EqualTo(JobOutcomeKind.FailedByService));
        Assert.That(flagged.FailureReason, Does.StartWith("flagged as sensitive by Replicate").And.Contain("(E005)"));
        Assert.That(forgotten.Kind, Is.EqualTo(JobOutcomeKind.Expired));
    }

    [Test]
    public async Task Input_the_model_refuses_is_refused_as_invalid_input_naming_the_field_and_nothing_is_created(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        var generator = rig.Generator();
        var request = await rig.RequestAsync("a-1", cancellationToken) with { Seconds = 7 };

        var error = Assert.ThrowsAsync<SubmissionRefusedException>(async () => await generator.SubmitAsync(request, cancellationToken));

        Assert.That(error!.InvalidInput, Is.True);
        Assert.That(error.IsFatal, Is.False);
        Assert.That(error.Message, Does.Contain("HTTP 422").And.Contain("duration"));
        Assert.That((rig.Server.JobsCreated, rig.Server.CountRequests(FakeEndpoint.Create)), Is.EqualTo((0, 1)), "a refusal is not retried");
    }

    [Test]
    public async Task Error_answers_to_a_create_are_retried_honouring_retry_after_and_make_one_prediction(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.ServerError(), FakeEndpoint.Create);
        rig.Server.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromMilliseconds(300)), FakeEndpoint.Create);

        var created = await rig.Client.CreateAsync(ReplicateModel.Parse(Kling), await rig.KlingInputAsync(cancellationToken), cancellationToken);

        Assert.That(created.Id, Is.Not.Empty);
        Assert.That((rig.Server.JobsCreated, rig.Server.CountRequests(FakeEndpoint.Create)), Is.EqualTo((1, 3)));
    }

    [Test]
    public async Task The_token_goes_to_the_api_and_the_listed_file_hosts_only_and_never_to_another_host(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(requireKeyOnDownloads: false, cancellationToken: cancellationToken);
        var client = rig.NewClient(o => o.KeyHosts = ReplicateOptions.DefaultKeyHosts);
        var created = await client.CreateAsync(ReplicateModel.Parse(Kling), await rig.KlingInputAsync(cancellationToken), cancellationToken);
        await client.WaitAsync(created.Id, null, cancellationToken);

        await client.DownloadAsync(created.Id, rig.Temp.File("clip.mp4"), null, cancellationToken);

        Assert.That(rig.Server.Downloads.Requests.Select(d => d.CarriedCredential), Is.EqualTo(new[] { false }), "a file host not listed gets nothing");
        Assert.That(client.SendsKeyTo(new Uri("https://replicate.delivery/pbxt/a/out.mp4")), Is.True);
        Assert.That(client.SendsKeyTo(new Uri("https://pbxt.replicate.delivery/a/out.mp4")), Is.True);
        Assert.That(client.SendsKeyTo(new Uri("http://replicate.delivery/a/out.mp4")), Is.False, "never over plain http");
        Assert.That(client.SendsKeyTo(new Uri("https://replicate.delivery.evil.example/a.mp4")), Is.False);
        Assert.That(client.SendsKeyTo(new Uri("https://evilreplicate.delivery/a.mp4")), Is.False);
        Assert.That(client.SendsKeyTo(new Uri("https://cdn.example.com/out.mp4")), Is.False);
        Assert.That(client.SendsKeyTo(new Uri(rig.Server.BaseUrl, "v1/files/abc")), Is.True, "the API host itself");
    }

    [Test]
    public async Task A_download_cut_short_is_fetched_again_and_an_expired_output_is_reported_as_expired(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        var generator = rig.Generator();
        var request = await rig.RequestAsync("a-1", cancellationToken);
        var job = await generator.SubmitAsync(request, cancellationToken);
        await generator.AwaitAsync(job, null, cancellationToken);
        rig.Server.Downloads.Faults.Enqueue(FakeFault.TruncatedBody());
        rig.Server.Downloads.Faults.Enqueue(FakeFault.CutContent());

        await generator.FetchAsync(job, request, rig.Temp.File("clip.mp4"), null, cancellationToken);
        rig.Server.Downloads.ExpireAll();
        var expired = Assert.ThrowsAsync<ClipExpiredException>(async () => await generator.FetchAsync(job, request, rig.Temp.File("again.mp4"), null, cancellationToken));

        Assert.That(rig.Server.Downloads.Requests.Count(r => r.Fault is not null), Is.EqualTo(2));
        Assert.That(File.Exists(rig.Temp.File("again.mp4")), Is.False, "nothing kept");
        Assert.That(expired!.Message, Does.Contain("gone"));
    }

    [Test]
    public async Task An_endless_output_stops_at_the_cap_for_the_clips_length_with_nothing_kept_and_is_not_fetched_again(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        var client = rig.NewClient(o => (o.MaxVideoBitrate, o.DownloadSlackBytes) = (100_000, 0)); // 62.5 kB for a 5 s clip
        var created = await client.CreateAsync(ReplicateModel.Parse(Kling), await rig.KlingInputAsync(cancellationToken), cancellationToken);
        await client.WaitAsync(created.Id, null, cancellationToken);
        var sent = new HostileAnswers.SentBytes();
        rig.Server.Downloads.Faults.Enqueue(HostileAnswers.EndlessBody(sent));

        var error = Assert.CatchAsync<Exception>(() => client.DownloadAsync(created.Id, rig.Temp.File("endless.mp4"), null, cancellationToken, clipSeconds: 5))!;

        Assert.That(error.Message, Does.Contain("RECREATION_Replicate__MaxVideoBitrate"));
        Assert.That(File.Exists(rig.Temp.File("endless.mp4")), Is.False);
        Assert.That(rig.Server.Downloads.Requests, Has.Count.EqualTo(1), "too large is not asked for again");
    }

    [Test]
    public async Task An_hour_after_it_ended_a_predictions_data_is_removed_and_the_clip_is_expired(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        var generator = rig.Generator();
        var request = await rig.RequestAsync("a-1", cancellationToken);
        var job = await generator.SubmitAsync(request, cancellationToken);
        await generator.AwaitAsync(job, null, cancellationToken);

        rig.FakeTime.Advance(TimeSpan.FromMinutes(61));
        var outcome = await generator.AwaitAsync(job, null, cancellationToken);

        Assert.That(outcome.Kind, Is.EqualTo(JobOutcomeKind.Expired));
        Assert.ThrowsAsync<ClipExpiredException>(async () => await generator.FetchAsync(job, request, rig.Temp.File("late.mp4"), null, cancellationToken));
    }

    [Test]
    public async Task Cancel_stops_a_running_prediction_and_an_ended_one_counts_as_done(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        var created = await rig.Client.CreateAsync(ReplicateModel.Parse(Kling), await rig.KlingInputAsync(cancellationToken), cancellationToken);

        await rig.Client.CancelAsync(created.Id, cancellationToken);
        await rig.Client.CancelAsync(created.Id, cancellationToken);
        var after = await rig.Client.GetAsync(created.Id, cancellationToken);

        Assert.That((after.Status, rig.Server.Jobs.Single().Billed), Is.EqualTo(("canceled", false)));
        Assert.That(rig.Server.Requests.Where(r => r.Endpoint == FakeEndpoint.Delete).Select(r => r.PathAndQuery), Has.All.EqualTo($"/v1/predictions/{created.Id}/cancel"));
    }

    [Test]
    public async Task A_wrong_token_is_fatal_names_REPLICATE_API_TOKEN_and_never_shows_the_token(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        var client = rig.NewClient(o => o.ApiKey = "r8_wrongwrongwrongwrong");

        var error = Assert.ThrowsAsync<SubmissionRefusedException>(async () => await new ReplicateClipGenerator(client, ReplicateRig.Profile()).SubmitAsync(await rig.RequestAsync("a-1", cancellationToken), cancellationToken));

        Assert.That(error!.IsFatal, Is.True);
        Assert.That(error.Message, Does.Contain("REPLICATE_API_TOKEN").And.Not.Contain("wrongwrong"));
    }

    [Test]
    public async Task Prefer_wait_is_served_by_the_fake_and_not_sent_by_the_client(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        await rig.Client.CreateAsync(ReplicateModel.Parse(Kling), await rig.KlingInputAsync(cancellationToken), cancellationToken);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(rig.Server.BaseUrl, "v1/models/kwaivgi/kling-v2.1/predictions"))
        {
            Content = new StringContent(new JsonObject { ["input"] = await rig.KlingInputAsync(cancellationToken) }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", rig.Server.ApiKey);
        request.Headers.Add("Prefer", "wait=60");

        using var answer = await http.SendAsync(request, cancellationToken);
        var body = JsonNode.Parse(await answer.Content.ReadAsStringAsync(cancellationToken))!;

        Assert.That(((int)answer.StatusCode, body["status"]!.GetValue<string>()), Is.EqualTo((201, "succeeded")));
        Assert.That(rig.Server.Submissions.Select(s => s.Prefer), Is.EqualTo(new[] { null, "wait=60" }));
    }
}