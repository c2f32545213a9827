using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

using Recreation.Media;
using Recreation.Media.Processes;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenAI;

/// <summary>The fake server itself, spoken to with a bare HttpClient: it must behave like the documented API for the client specs to mean anything.</summary>
[CancelAfter(60_000)]
public class FakeVideosApiServerSpecs
{
    [Test]
    public async Task It_listens_on_a_loopback_port_under_v1()
    {
        await using var server = await FakeVideosApiServer.StartAsync();
        Assert.That(server.BaseUrl.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(server.BaseUrl.Port, Is.GreaterThan(0));
        Assert.That(server.BaseUrl.AbsolutePath, Is.EqualTo("/v1"));
    }

    [Test]
    public async Task A_missing_or_wrong_key_gets_401_with_the_documented_error_shape(CancellationToken cancellationToken)
    {
        await using var server = await FakeVideosApiServer.StartAsync(cancellationToken: cancellationToken);
        using var http = new HttpClient();

        var missing = await http.GetAsync(Url(server, "videos"), cancellationToken);
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var error = (await JsonBody(missing, cancellationToken))["error"]!.AsObject();
        Assert.That(error.Select(p => p.Key), Is.EquivalentTo(new[] { "message", "type", "param", "code" }));

        using var wrong = Request(HttpMethod.Get, server, "videos", key: "sk-nope-nope-nope-1234");
        var refused = await http.SendAsync(wrong, cancellationToken);
        var body = await JsonBody(refused, cancellationToken);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((string?)body["error"]!["code"], Is.EqualTo("invalid_api_key"));
        Assert.That((string?)body["error"]!["message"], Does.Not.Contain("sk-nope-nope-nope-1234"), "the key is masked like the real service does");
    }

    [Test]
    public async Task A_created_job_has_the_documented_fields_and_moves_from_queued_to_completed_as_it_is_polled(CancellationToken cancellationToken)
    {
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { PollsToComplete = 3 }, cancellationToken);
        using var http = new HttpClient();

        var created = await Create(http, server, new JsonObject { ["prompt"] = "A kite.", ["model"] = "sora-2", ["seconds"] = "8", ["size"] = "1280x720" }, cancellationToken);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var video = await JsonBody(created, cancellationToken);
        Assert.That(video.Select(p => p.Key), Is.SupersetOf(new[] { "id", "object", "model", "status", "progress", "created_at", "completed_at", "expires_at", "prompt", "size", "seconds", "remixed_from_video_id", "error" }));
        Assert.That(((string?)video["object"], (string?)video["status"], (int)video["progress"]!, (string?)video["seconds"]), Is.EqualTo(("video", "queued", 0, "8")));
        Assert.That(video["error"], Is.Null);

        var id = (string)video["id"]!;
        var states = new List<(string?, int)>();
        for (var i = 0; i < 3; i++)
        {
            using var poll = Request(HttpMethod.Get, server, $"videos/{id}");
            var answer = await http.SendAsync(poll, cancellationToken);
            Assert.That(answer.Headers.GetValues("openai-poll-after-ms").Single(), Is.EqualTo("20"));
            var body = await JsonBody(answer, cancellationToken);
            states.Add(((string?)body["status"], (int)body["progress"]!));
        }

        Assert.That(states, Is.EqualTo(new[] { ("in_progress", 33), ("in_progress", 66), ("completed", 100) }));
    }

    [Test]
    public async Task Jobs_can_also_advance_with_time_on_an_injected_clock(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { TimeProvider = time, PollsToComplete = 1, JobDuration = TimeSpan.FromSeconds(60) }, cancellationToken);
        using var http = new HttpClient();
        var id = (string)(await JsonBody(await Create(http, server, Body("1", "320x180"), cancellationToken), cancellationToken))["id"]!;

        async Task<string?> StatusAsync()
        {
            using var poll = Request(HttpMethod.Get, server, $"videos/{id}");
            return (string?)(await JsonBody(await http.SendAsync(poll, cancellationToken), cancellationToken))["status"];
        }

        Assert.That(await StatusAsync(), Is.EqualTo("queued"));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.That(await StatusAsync(), Is.EqualTo("in_progress"));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.That(await StatusAsync(), Is.EqualTo("completed"));
    }

    [TestCase("seconds", "5", "Supported values are: '1', '2' and '4'")]
    [TestCase("size", "1280x720", "Supported values are: '320x180' and '180x320'")]
    [TestCase("model", "sora-3", "Invalid value: 'sora-3'")]
    [TestCase("prompt", "", "string too short")]
    public async Task Invalid_fields_get_400_naming_the_param(string field, string value, string message, CancellationToken cancellationToken)
    {
        await using var server = await FakeVideosApiServer.StartAsync(cancellationToken: cancellationToken);
        using var http = new HttpClient();
        var body = Body("2", "320x180");
        body[field] = value;

        var answer = await Create(http, server, body, cancellationToken);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var error = (await JsonBody(answer, cancellationToken))["error"]!;
        Assert.That(((string?)error["param"], (string?)error["type"]), Is.EqualTo((field, "invalid_request_error")));
        Assert.That((string?)error["message"], Does.Contain(message));
        Assert.That(server.JobsCreated, Is.Zero);
    }

    [Test]
    public async Task Seconds_sent_as_a_json_number_and_over_long_prompts_are_refused(CancellationToken cancellationToken)
    {
        await using var server = await FakeVideosApiServer.StartAsync(cancellationToken: cancellationToken);
        using var http = new HttpClient();
        var number = Body("2", "320x180");
        number["seconds"] = 2;
        Assert.That((string?)(await JsonBody(await Create(http, server, number, cancellationToken), cancellationToken))["error"]!["message"], Does.Contain("expected a string"));

        var longPrompt = Body("2", "320x180");
        longPrompt["prompt"] = new string('a', 32001);
        Assert.That((string?)(await JsonBody(await Create(http, server, longPrompt, cancellationToken), cancellationToken))["error"]!["code"], Is.EqualTo("string_above_max_length"));
    }

    [Test]
    public async Task An_input_image_may_come_as_a_json_data_url_and_jpeg_sizes_are_read_from_the_header(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var jpeg = temp.File("frame.jpg");
        var arguments = new ArgumentsBuilder().Add("-y").Add("-f", "lavfi").Add("-i", "testsrc2=s=180x320:d=1").Add("-frames:v", 1).Output(jpeg).Build();
        await new FFmpegRunner().RunAsync(MediaCommand.FFmpeg(arguments, "making a test JPEG"), cancellationToken);
        var bytes = await File.ReadAllBytesAsync(jpeg, cancellationToken);
        Assert.That(ImageHeader.TryRead(bytes), Is.EqualTo(("jpeg", 180, 320)));

        await using var server = await FakeVideosApiServer.StartAsync(cancellationToken: cancellationToken);
        using var http = new HttpClient();
        var body = Body("1", "180x320");
        body["input_reference"] = new JsonObject { ["image_url"] = "data:image/jpeg;base64," + Convert.ToBase64String(bytes) };
        var answer = await Create(http, server, body, cancellationToken);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync(cancellationToken));
        Assert.That(server.Jobs.Single().InputImage, Is.EqualTo(new FakeInputImage("jpeg", 180, 320, bytes.Length, "json", null, "image/jpeg")));
    }

    [Test]
    public async Task A_png_made_in_memory_reads_back_its_size()
    {
        Assert.That(ImageHeader.TryRead(FakeImages.Png(33, 17)), Is.EqualTo(("png", 33, 17)));
        Assert.That(ImageHeader.TryRead("not an image"u8), Is.Null);
        using var temp = new TempDirectory();
        var path = await FakeImages.WritePngAsync(temp.File("a.png"), 64, 36);
        var info = await new Recreation.Media.Probing.MediaProbe(new FFmpegRunner()).ProbeAsync(path);
        Assert.That((info.Video!.Width, info.Video.Height), Is.EqualTo((64, 36)), "ffprobe agrees it is a valid PNG");
    }

    [Test]
    public async Task Content_is_409_before_completion_404_for_unknown_ids_and_the_same_key_with_other_parameters_is_409(CancellationToken cancellationToken)
    {
        await using var server = await FakeVideosApiServer.StartAsync(cancellationToken: cancellationToken);
        using var http = new HttpClient();
        var id = (string)(await JsonBody(await Create(http, server, Body("1", "320x180"), cancellationToken, key: "k1"), cancellationToken))["id"]!;

        using var early = Request(HttpMethod.Get, server, $"videos/{id}/content");
        Assert.That((await http.SendAsync(early, cancellationToken)).StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        using var unknown = Request(HttpMethod.Get, server, "videos/video_nope/content");
        var notFound = await http.SendAsync(unknown, cancellationToken);
        Assert.That(notFound.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((string?)(await JsonBody(notFound, cancellationToken))["error"]!["code"], Is.EqualTo("video_not_found"));

        var replay = await Create(http, server, Body("1", "320x180"), cancellationToken, key: "k1");
        Assert.That(replay.Headers.GetValues("Idempotent-Replayed").Single(), Is.EqualTo("true"));
        Assert.That((string?)(await JsonBody(replay, cancellationToken))["id"], Is.EqualTo(id));
        var misuse = await Create(http, server, Body("2", "320x180"), cancellationToken, key: "k1");
        Assert.That(misuse.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(server.JobsCreated, Is.EqualTo(1));
    }

    [Test]
    public async Task A_cut_download_has_a_matching_content_length_so_only_a_media_check_can_tell(CancellationToken cancellationToken)
    {
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { PollsToComplete = 1 }, cancellationToken);
        using var http = new HttpClient();
        var id = (string)(await JsonBody(await Create(http, server, Body("1", "320x180"), cancellationToken), cancellationToken))["id"]!;
        using (var poll = Request(HttpMethod.Get, server, $"videos/{id}"))
        {
            await http.SendAsync(poll, cancellationToken);
        }

        server.Faults.Enqueue(FakeFault.CutContent(0.5), FakeEndpoint.Content);
        using var cut = Request(HttpMethod.Get, server, $"videos/{id}/content");
        var cutBytes = await (await http.SendAsync(cut, cancellationToken)).Content.ReadAsByteArrayAsync(cancellationToken);
        using var whole = Request(HttpMethod.Get, server, $"videos/{id}/content?variant=video");
        var answer = await http.SendAsync(whole, cancellationToken);
        var wholeBytes = await answer.Content.ReadAsByteArrayAsync(cancellationToken);

        Assert.That(answer.Content.Headers.ContentType!.MediaType, Is.EqualTo("video/mp4"));
        Assert.That(cutBytes.Length, Is.EqualTo(wholeBytes.Length / 2));
        Assert.That(cutBytes, Is.EqualTo(wholeBytes[..cutBytes.Length]));
    }

    private static JsonObject Body(string seconds, string size) => new()
    {
        ["prompt"] = "A paper boat drifts down a gutter after rain.",
        ["model"] = "test-tiny",
        ["seconds"] = seconds,
        ["size"] = size,
    };

    private static Uri Url(FakeVideosApiServer server, string path) => new($"{server.BaseUrl}/{path}");

    private static HttpRequestMessage Request(HttpMethod method, FakeVideosApiServer server, string path, string? key = null)
    {
        var request = new HttpRequestMessage(method, Url(server, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? server.ApiKey);
        return request;
    }

    private static async Task<HttpResponseMessage> Create(HttpClient http, FakeVideosApiServer server, JsonObject body, CancellationToken cancellationToken, string? key = null)
    {
        using var request = Request(HttpMethod.Post, server, "videos");
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await http.SendAsync(request, cancellationToken);
    }

    private static async Task<JsonObject> JsonBody(HttpResponseMessage response, CancellationToken cancellationToken) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!.AsObject();
}