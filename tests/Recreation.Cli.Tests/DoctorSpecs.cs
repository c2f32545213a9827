using Recreation.Generation.OpenAI;
using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests;

[CancelAfter(60_000)]
public class DoctorSpecs
{
    private static string Scene(string model, string baseUrl, string keyEnv) => $$"""
        version: 1
        title: Doctor
        profiles: [{ name: {{model}}, backends: [openai], seconds: [1, 2, 4], sizes: [{ size: 320x180, usd_per_second: 0.1 }] }]
        target: { backend: openai, model: {{model}}, base_url: "{{baseUrl}}", api_key_env: {{keyEnv}} }
        scenes:
          - { id: a, duration: 1, description: A quiet street. }
        """;

    private static async Task<string> WriteAsync(TempDirectory temp, string yaml)
    {
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, yaml);
        return file;
    }

    [Test]
    public async Task Every_check_passes_against_a_service_that_lists_the_model_and_the_key_is_never_printed()
    {
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = "sk-doctor-" + Guid.NewGuid().ToString("N") });
        using var temp = new TempDirectory();
        Environment.SetEnvironmentVariable("RECREATION_DOCTOR_KEY_OK", server.ApiKey);
        var file = await WriteAsync(temp, Scene("test-tiny", server.BaseUrl.ToString(), "RECREATION_DOCTOR_KEY_OK"));

        var (code, output, error) = await CliRun.RunAsync("doctor", file, "--allow-base-url", server.BaseUrl.ToString(), "--allow-key-env", "RECREATION_DOCTOR_KEY_OK");

        Assert.That(code, Is.EqualTo(0), output + error);
        Assert.That(output, Does.Contain("ok    ffmpeg").And.Contain("(ffmpeg version ").And.Contain("ok    API key   RECREATION_DOCTOR_KEY_OK is set (not shown)").And.Contain("ok    model     test-tiny is listed"));
        Assert.That(output + error, Does.Not.Contain(server.ApiKey));
        Assert.That(server.CountRequests(FakeEndpoint.Models), Is.EqualTo(1));
        Assert.That(server.Requests, Has.None.Matches<FakeRequestRecord>(r => r.Endpoint == FakeEndpoint.Create), "doctor never pays");
    }

    [Test]
    public async Task A_model_the_service_does_not_list_fails_with_what_it_offers()
    {
        await using var server = await FakeVideosApiServer.StartAsync();
        using var temp = new TempDirectory();
        Environment.SetEnvironmentVariable("RECREATION_DOCTOR_KEY_MODEL", server.ApiKey);
        var file = await WriteAsync(temp, Scene("veo-3", server.BaseUrl.ToString(), "RECREATION_DOCTOR_KEY_MODEL"));

        var (code, output, _) = await CliRun.RunAsync("doctor", file, "--allow-base-url", server.BaseUrl.ToString(), "--allow-key-env", "RECREATION_DOCTOR_KEY_MODEL");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("FAIL  model     veo-3 is not listed").And.Contain("offered: sora-2, sora-2-pro, test-tiny"));
    }

    [Test]
    public async Task A_missing_key_and_an_unreachable_base_url_are_reported_as_failures()
    {
        using var temp = new TempDirectory();
        var noKey = await WriteAsync(temp, Scene("test-tiny", "http://127.0.0.1:9/v1", "RECREATION_DOCTOR_UNSET"));
        var (code, output, _) = await CliRun.RunAsync("doctor", noKey, "--allow-base-url", "http://127.0.0.1:9", "--allow-key-env", "RECREATION_DOCTOR_UNSET");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("FAIL  API key").And.Contain("set the environment variable RECREATION_DOCTOR_UNSET"));

        Environment.SetEnvironmentVariable("RECREATION_DOCTOR_KEY_DOWN", "sk-doctor-down");
        var down = await WriteAsync(temp, Scene("test-tiny", "http://127.0.0.1:9/v1", "RECREATION_DOCTOR_KEY_DOWN"));
        (code, output, _) = await CliRun.RunAsync("doctor", down, "--allow-base-url", "http://127.0.0.1:9", "--allow-key-env", "RECREATION_DOCTOR_KEY_DOWN");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(output, Does.Contain("FAIL  base URL  http://127.0.0.1:9/v1 did not answer"));
        var failure = output.Split('\n').Single(l => l.Contains("FAIL  base URL", StringComparison.Ordinal));
        Assert.That(failure.Split("Check ").Length - 1, Is.EqualTo(1), "the advice is given once: " + failure);
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { "scene.yaml" }), "doctor writes nothing");
    }

    [Test]
    public void On_OpenAIs_own_API_a_missing_Sora_model_is_explained_by_the_shutdown()
    {
        var advice = OpenAIProvider.MissingModelAdvice("https://api.openai.com/v1", "sora-2", ["gpt-5", "gpt-image-1"]);
        Assert.That(advice, Does.Contain("shut the Sora models down on 2026-09-24").And.Contain("gateway").And.Contain("--backend placeholder").And.Contain("manual"));

        var elsewhere = OpenAIProvider.MissingModelAdvice("https://gateway.example/v1/", "sora-2", ["veo-3"]);
        Assert.That(elsewhere, Is.EqualTo("sora-2 is not listed by https://gateway.example/v1/models (offered: veo-3). Fix target.model, or add a profile for a model this service offers."));
    }
}