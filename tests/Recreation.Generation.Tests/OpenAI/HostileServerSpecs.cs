using System.Diagnostics;
using System.Text.Json.Nodes;

using Recreation.Generation.OpenAI;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenAI;

/// <summary>
/// The client against a server that misbehaves on purpose: echoing the key, odd fields, answers
/// that never end or are far too large, chunked-body pickiness. Issue 11, items 2, 5, 6 and 10.
/// </summary>
[CancelAfter(60_000)]
public class HostileServerSpecs
{
    private static readonly string Key = "sk-" + Guid.NewGuid().ToString("N");

    [Test]
    public async Task An_error_echoing_the_key_in_every_field_leaves_no_part_of_it_in_the_exception(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        rig.Server.Faults.Enqueue(HostileAnswers.EchoKeyError(Key), FakeEndpoint.Create);

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-echo", cancellationToken))!;

        Assert.That(error.StatusCode, Is.EqualTo(400));
        foreach (var (name, value) in new[] { ("message", error.Message), ("code", error.ErrorCode), ("param", error.Param), ("type", error.ErrorType), ("request id", error.RequestId), ("ToString", error.ToString()) })
        {
            Assert.That(SecretLeaks.Find(value ?? "", Key), Is.Null, $"{name}: {value}");
        }

        Assert.That(error.Message, Does.Contain("[redacted]"), "the fields are shown, redacted, not dropped");
    }

    [Test]
    public async Task A_raw_error_page_with_the_key_across_the_200_character_cut_shows_none_of_it(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        for (var padding = 170; padding <= 200; padding += 3)
        {
            rig.Server.Faults.Enqueue(HostileAnswers.EchoKeyPage(Key, padding: padding), FakeEndpoint.List);
            var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.ListAsync(cancellationToken: cancellationToken))!;
            Assert.That(SecretLeaks.Find(error.Message, Key), Is.Null, $"padding {padding}: {error.Message}");
        }
    }

    [Test]
    public async Task A_failed_job_echoing_the_key_in_its_error_code_and_message_is_reported_without_it(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.FailJob(Key, new string('f', 195) + Key), FakeEndpoint.Create);

        var created = await rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-failed-echo", cancellationToken);
        var done = await rig.Client.WaitAsync(created.Id, null, cancellationToken);

        Assert.That(done.Status, Is.EqualTo("failed"));
        Assert.That(SecretLeaks.Find(done.FailureReason!, Key), Is.Null, done.FailureReason);
        Assert.That(done.Error!.Code, Is.EqualTo("[redacted]"));
    }

    [Test]
    public async Task A_job_id_holding_the_key_is_refused_rather_than_stored(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.RewriteVideos("id holds the key", video => video["id"] = "video_" + Key), FakeEndpoint.Create);

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-id-echo", cancellationToken))!;

        Assert.That(error.Message, Does.Contain("holds the API key"));
        Assert.That(SecretLeaks.Find(error.ToString(), Key), Is.Null);
    }

    [Test]
    public async Task Odd_optional_fields_and_created_at_in_milliseconds_are_ignored_and_the_job_id_is_kept(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        rig.Server.Faults.AddRule(request => request.Endpoint is FakeEndpoint.Create or FakeEndpoint.Retrieve or FakeEndpoint.List
            ? FakeFault.RewriteVideos("odd fields", OddFields)
            : null);

        var created = await rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-odd", cancellationToken);
        var polled = await rig.Client.RetrieveAsync(created.Id, cancellationToken);
        var listed = await rig.Client.ListAsync(cancellationToken: cancellationToken);

        Assert.That(created.Id, Is.EqualTo(rig.Server.Jobs.Single().Id));
        Assert.That((created.Status, created.CreatedAt, created.Progress, created.Model, created.Error), Is.EqualTo(("queued", (DateTimeOffset?)null, 0, (string?)null, (VideoError?)null)));
        Assert.That(created.Seconds, Is.EqualTo("1"), "fields that are fine are still read");
        Assert.That(polled.Id, Is.EqualTo(created.Id));
        Assert.That(listed.Data.Select(v => v.Id), Is.EqualTo(new[] { created.Id }));
    }

    [Test]
    public async Task A_create_answer_without_a_status_still_gives_the_job_id(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.RewriteVideos("no status", video => video.Remove("status")), FakeEndpoint.Create);

        var created = await rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-no-status", cancellationToken);

        Assert.That((created.Id, created.Status), Is.EqualTo((rig.Server.Jobs.Single().Id, "queued")));
    }

    [Test]
    public async Task Every_request_body_is_sent_with_a_content_length_never_chunked(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        var image = await FakeImages.WritePngAsync(rig.Temp.File("first.png"), 320, 180, cancellationToken);

        var json = await rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-length-json", cancellationToken);
        await rig.Client.CreateAsync(VideosApiRig.Tiny(inputImage: image), "clip-length-multipart", cancellationToken);
        await rig.Client.WaitAsync(json.Id, null, cancellationToken);
        await rig.Client.RemixAsync(json.Id, "The same ball, now blue.", "clip-length-remix", cancellationToken);

        var bodies = rig.Server.Requests.Where(r => r.Method == "POST").ToList();
        Assert.That(bodies, Has.Count.EqualTo(3));
        Assert.That(bodies.Select(r => (r.Endpoint, r.Chunked, r.StatusCode)), Has.All.Matches<(FakeEndpoint, bool Chunked, int Status)>(r => !r.Chunked && r.Status == 200));
        Assert.That(bodies.Select(r => r.ContentLength), Has.All.GreaterThan(0));
    }

    [Test]
    public async Task An_endless_json_answer_is_read_only_up_to_the_cap_and_fails_promptly(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        var sent = new HostileAnswers.SentBytes();
        rig.Server.Faults.Enqueue(HostileAnswers.EndlessBody(sent, 200, "application/json"), FakeEndpoint.List);
        var clock = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.ListAsync(cancellationToken: cancellationToken))!;
        var sentBeforeTheClientLetGo = sent.Value; // later writes to a closed connection are dropped by Kestrel, and still counted

        Assert.That(error.Message, Does.Contain("more than 1048576 bytes of JSON"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        Assert.That(sentBeforeTheClientLetGo, Is.LessThan(64L * 1024 * 1024), "the client let go near the cap (the rest is socket buffers)");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.List), Is.EqualTo(1), "an answer too large is not asked for again");
    }

    [Test]
    public async Task A_json_answer_announced_larger_than_the_cap_is_not_read_at_all(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        var sent = new HostileAnswers.SentBytes();
        rig.Server.Faults.Enqueue(HostileAnswers.EndlessBody(sent, 200, "application/json", announce: 300L * 1024 * 1024), FakeEndpoint.List);

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.ListAsync(cancellationToken: cancellationToken))!;
        var sentBeforeTheClientLetGo = sent.Value; // later writes to a closed connection are dropped by Kestrel, and still counted

        Assert.That(error.Message, Does.Contain("bytes of JSON"));
        Assert.That(sentBeforeTheClientLetGo, Is.LessThan(64L * 1024 * 1024));
    }

    [Test]
    public async Task A_512_MB_error_body_is_read_only_for_its_head(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        var sent = new HostileAnswers.SentBytes();
        rig.Server.Faults.Enqueue(HostileAnswers.EndlessBody(sent, 400, "text/plain", announce: 512L * 1024 * 1024), FakeEndpoint.Create);
        var clock = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.CreateAsync(VideosApiRig.Tiny(), "clip-huge-error", cancellationToken))!;
        var sentBeforeTheClientLetGo = sent.Value; // later writes to a closed connection are dropped by Kestrel, and still counted

        Assert.That(error.StatusCode, Is.EqualTo(400));
        Assert.That(error.Message, Has.Length.LessThan(1000));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(15)));
        Assert.That(sentBeforeTheClientLetGo, Is.LessThan(64L * 1024 * 1024));
    }

    [Test]
    public async Task An_endless_download_stops_at_the_cap_for_the_clip_length_with_a_clear_error(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken, o => o.DownloadSlackBytes = 1024 * 1024);
        var (video, _) = await rig.GenerateAsync(VideosApiRig.Tiny(), "clip-endless", cancellationToken);
        var sent = new HostileAnswers.SentBytes();
        rig.Server.Faults.Enqueue(HostileAnswers.EndlessBody(sent), FakeEndpoint.Content);
        var cap = rig.Options(o => o.DownloadSlackBytes = 1024 * 1024).MaxDownloadBytes(1);
        var clock = Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.DownloadContentAsync(video.Id, VideoContentVariant.Video, rig.Temp.File("endless.mp4"), 1, null, cancellationToken))!;
        var sentBeforeTheClientLetGo = sent.Value; // later writes to a closed connection are dropped by Kestrel, and still counted

        Assert.That(error.Message, Does.Contain("went on past").And.Contain("MiB a clip of this length may have"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "stopped long before the download timeout");
        Assert.That(sentBeforeTheClientLetGo, Is.LessThan(cap + (64L * 1024 * 1024)));
        Assert.That(File.Exists(rig.Temp.File("endless.mp4")), Is.False);
        Assert.That(Directory.EnumerateFiles(rig.Temp.Path, "*.partial", SearchOption.AllDirectories), Is.Empty, "nothing half-written is kept");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Content), Is.EqualTo(2), "the first download, then the endless one once: not retried");
    }

    [Test]
    public async Task A_download_announcing_more_than_the_cap_is_refused_before_reading(CancellationToken cancellationToken)
    {
        await using var rig = await StartAsync(cancellationToken);
        var (video, _) = await rig.GenerateAsync(VideosApiRig.Tiny(), "clip-announced", cancellationToken);
        var sent = new HostileAnswers.SentBytes();
        rig.Server.Faults.Enqueue(HostileAnswers.EndlessBody(sent, announce: 4L * 1024 * 1024 * 1024), FakeEndpoint.Content);

        var error = Assert.ThrowsAsync<VideosApiException>(() => rig.Client.DownloadContentAsync(video.Id, VideoContentVariant.Video, rig.Temp.File("big.mp4"), 1, null, cancellationToken))!;
        var sentBeforeTheClientLetGo = sent.Value; // later writes to a closed connection are dropped by Kestrel, and still counted

        Assert.That(error.Message, Does.Contain("announced 4294967296 bytes"));
        Assert.That(sentBeforeTheClientLetGo, Is.LessThan(64L * 1024 * 1024));
    }

    private static void OddFields(JsonObject video)
    {
        video["created_at"] = 1_764_000_000_000L; // milliseconds, as one gateway sends them
        video["completed_at"] = -5;
        video["expires_at"] = "soon";
        video["progress"] = new JsonObject { ["percent"] = 10 };
        video["model"] = new JsonArray(1, 2);
        video["error"] = 5;
        video["remixed_from_video_id"] = new JsonObject();
    }

    private static Task<VideosApiRig> StartAsync(CancellationToken cancellationToken, Action<OpenAIVideosOptions>? client = null) =>
        VideosApiRig.StartAsync(o => o with { ApiKey = Key }, realTime: true, cancellationToken, client);
}