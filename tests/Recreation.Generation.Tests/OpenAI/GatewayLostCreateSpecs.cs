using Microsoft.Extensions.Configuration;

using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Core.Security;
using Recreation.Generation.OpenAI;
using Recreation.Generation.Providers;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenAI;

/// <summary>
/// The <c>openai</c> backend in front of a gateway that can recover no lost create (no list of jobs,
/// <c>Idempotency-Key</c> not passed on: a LiteLLM proxy before Veo, <see cref="FakeVideosApiOptions.LiteLlmVeo"/>),
/// set with <see cref="OpenAIVideosOptions.RecoverLostCreates"/> = false: a create that may have reached
/// the service is not sent again (a second attempt would be a second paid job), an error answer still
/// is, no list is read, and a connection's own setting wins.
/// </summary>
[CancelAfter(60_000)]
public class GatewayLostCreateSpecs
{
    [Test]
    public async Task A_create_whose_answer_was_lost_is_not_sent_again(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(o => o with { LiteLlmVeo = true }, realTime: true, cancellationToken);
        var client = rig.NewClient(o => o.RecoverLostCreates = false);
        rig.Server.Faults.Enqueue(FakeFault.DropAfterHandling(), FakeEndpoint.Create);

        var error = Assert.ThrowsAsync<VideosApiException>(async () => await client.CreateAsync(VideosApiRig.Tiny(), "clip-lost-1", cancellationToken));

        Assert.That((rig.Server.CountRequests(FakeEndpoint.Create), rig.Server.JobsCreated), Is.EqualTo((1, 1)), "one create, one job: nothing was sent again");
        Assert.That(error!.IsTransient, Is.False);
        Assert.That(error.LostCreateAnswer, Is.True);
        Assert.That(error.Message, Does.Contain("RecoverLostCreates=false").And.Contain("a job may exist"));

        // Through the generator, the pipeline is told that nothing can settle it later: the clip is in doubt at once.
        rig.Server.Faults.Enqueue(FakeFault.DropAfterHandling(), FakeEndpoint.Create);
        Assert.ThrowsAsync<LostCreateUndecidedException>(async () => await new OpenAIClipGenerator(client).SubmitAsync(Request("cache-key-lost-2"), cancellationToken));
        Assert.That((rig.Server.CountRequests(FakeEndpoint.Create), rig.Server.JobsCreated), Is.EqualTo((2, 2)));
    }

    [Test]
    public async Task A_create_answered_with_a_server_error_or_never_connected_is_still_retried(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(o => o with { LiteLlmVeo = true }, realTime: true, cancellationToken);
        var client = rig.NewClient(o => o.RecoverLostCreates = false);
        rig.Server.Faults.Enqueue(FakeFault.ServerError(500), FakeEndpoint.Create);

        var created = await client.CreateAsync(VideosApiRig.Tiny(), "clip-500", cancellationToken);

        Assert.That((rig.Server.CountRequests(FakeEndpoint.Create), rig.Server.JobsCreated), Is.EqualTo((2, 1)), "an answer proves no job was started");
        Assert.That(created.Id, Does.StartWith("video_"));
        var refused = new VideosClient(new HttpClient(VideosClient.CreateHttpHandler()), rig.Options(o =>
        {
            o.RecoverLostCreates = false;
            o.BaseUrl = $"http://127.0.0.1:{LoopbackPorts.Closed()}/v1";
            o.MaxRetryAttempts = 2;
        }));
        var error = Assert.ThrowsAsync<VideosApiException>(async () => await refused.CreateAsync(VideosApiRig.Tiny(), "clip-refused", cancellationToken));
        Assert.That(error!.Message, Does.Contain("after 3 attempt(s)"), "a connection that could not be made carried nothing: it is retried");
    }

    [Test]
    public async Task The_generator_reads_no_list_and_says_a_lost_create_cannot_be_told(CancellationToken cancellationToken)
    {
        await using var rig = await VideosApiRig.StartAsync(o => o with { LiteLlmVeo = true }, realTime: true, cancellationToken);
        var generator = new OpenAIClipGenerator(rig.NewClient(o => o.RecoverLostCreates = false));
        var request = Request("cache-key-gateway");

        var error = Assert.ThrowsAsync<LostCreateUndecidedException>(async () => await generator.FindSubmittedAsync(request, DateTimeOffset.UtcNow.AddMinutes(-5), cancellationToken));

        Assert.That(error!.Message, Does.Contain("RecoverLostCreates=false").And.Contain(rig.Server.BaseUrl.ToString().TrimEnd('/')));
        Assert.That(rig.Server.CountRequests(FakeEndpoint.List), Is.Zero);
        var recovering = new OpenAIClipGenerator(rig.NewClient());
        Assert.ThrowsAsync<VideosApiException>(async () => await recovering.FindSubmittedAsync(request, DateTimeOffset.UtcNow.AddMinutes(-5), cancellationToken), "by default the list is read (this proxy has none)");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.List), Is.GreaterThan(0));
    }

    [TestCase("false", "true", false)]
    [TestCase("False", null, false)]
    [TestCase("true", "false", true)]
    [TestCase(null, "false", false)]
    [TestCase(null, null, true)]
    public void A_connections_own_setting_wins_over_the_openai_sections(string? connection, string? section, bool expected)
    {
        using var temp = new TempDirectory("recreation-gateway-settings");
        var (scene, security) = ConnectionScene(temp);
        var values = new Dictionary<string, string?>();
        if (connection is not null)
        {
            values["Connections:litellm:RecoverLostCreates"] = connection;
        }

        if (section is not null)
        {
            values["OpenAI:RecoverLostCreates"] = section;
        }

        var options = OpenAISettings.Resolve(scene, new ConfigurationBuilder().AddInMemoryCollection(values).Build(), Key, security);

        Assert.That(options.RecoverLostCreates, Is.EqualTo(expected));
    }

    [Test]
    public void A_connection_setting_that_is_not_true_or_false_is_refused_naming_the_variable()
    {
        using var temp = new TempDirectory("recreation-gateway-settings");
        var (scene, security) = ConnectionScene(temp);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Connections:litellm:RecoverLostCreates"] = "sometimes" }).Build();

        var error = Assert.Throws<RecreationException>(() => OpenAISettings.Resolve(scene, configuration, Key, security));

        Assert.That(error!.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(error.Message, Does.Contain("RECREATION_Connections__litellm__RecoverLostCreates").And.Contain("'sometimes'"));
    }

    [Test]
    public async Task Doctor_fails_recovery_against_a_service_that_lists_no_jobs_saying_what_to_set_and_passes_once_it_is_set(CancellationToken cancellationToken)
    {
        await using var proxy = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { LiteLlmVeo = true }, cancellationToken);
        await using var openai = await FakeVideosApiServer.StartAsync(cancellationToken: cancellationToken);
        var provider = new OpenAIProvider();

        var unset = await provider.CheckAsync(Target, DoctorSettings(proxy, recover: null), cancellationToken);
        var set = await provider.CheckAsync(Target, DoctorSettings(proxy, recover: "false"), cancellationToken);
        var listing = await provider.CheckAsync(Target, DoctorSettings(openai, recover: null), cancellationToken);

        Assert.That(unset.Select(c => (c.Check, c.Passed)), Is.EqualTo(new[] { ("API key", true), ("base URL", true), ("model", true), ("recovery", false) }), string.Join("; ", unset));
        Assert.That(unset[^1].Detail, Does.Contain("RECREATION_OpenAI__RecoverLostCreates=false").And.Contain("lists no jobs"));
        Assert.That(set[^1], Is.EqualTo(new ProviderCheck("recovery", true, "RecoverLostCreates=false: a create whose answer is lost is not sent again, and the clip is in doubt until --resubmit-in-doubt")));
        Assert.That(listing[^1].Passed, Is.True, listing[^1].Detail);
        Assert.That(listing[^1].Detail, Does.Contain("/videos lists jobs"));
        Assert.That(proxy.JobsCreated + openai.JobsCreated, Is.Zero, "doctor creates nothing");
    }

    private static ProviderTarget Target { get; } = new(new TargetSettings("openai", FakeVideoModel.TestTiny.Name, new FrameSize(320, 180), null, null, null, null), null);

    private static ProviderSettings DoctorSettings(FakeVideosApiServer server, string? recover)
    {
        var values = new Dictionary<string, string?> { ["OpenAI:BaseUrl"] = server.BaseUrl.ToString() };
        if (recover is not null)
        {
            values["OpenAI:RecoverLostCreates"] = recover;
        }

        return new ProviderSettings(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), name => name == "OPENAI_API_KEY" ? server.ApiKey : null);
    }

    /// <summary>A one-second 320x180 clip of the test-tiny model.</summary>
    private static ClipRequest Request(string cacheKey) =>
        new("s1-1", "s1", 1, 1, "A red ball rolls.", FakeVideoModel.TestTiny.Name, new FrameSize(320, 180), 1, null, [], cacheKey);

    private static string? Key(string name) => name == "LITELLM_KEY" ? "sk-litellm-spec" : null;

    private static (CompiledScene Scene, SecuritySettings Security) ConnectionScene(TempDirectory temp)
    {
        File.WriteAllText(temp.File("scene.yaml"), """
            version: 1
            title: Through a gateway
            profiles: [{ name: test-tiny, backends: [openai], seconds: [1, 2, 4], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
            target: { backend: openai, model: test-tiny, size: 320x180, connection: litellm }
            output: { path: out/film.mp4, fps: 24, loudness: null }
            scenes:
              - { id: a, duration: 1, description: A red ball rolls. }
            """);
        var connections = new Dictionary<string, ConnectionSettings>(StringComparer.OrdinalIgnoreCase)
        {
            ["litellm"] = new("litellm", "http://127.0.0.1:4000/v1", "LITELLM_KEY", null),
        };
        return (SceneCompiler.Compile(temp.File("scene.yaml")), SecuritySettings.None with { Connections = connections });
    }
}