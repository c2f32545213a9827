using System.Text.Json;

using Recreation.Core;
using Recreation.Generation.Describing;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests;

/// <summary>
/// <c>recreate analyze --describe</c> end to end against the fake chat completions server: the
/// draft comes back described, validates without "description not written yet", plans with the
/// split rules, and the requests and tokens are reported.
/// </summary>
public partial class AnalyzeSpecs
{
    [Test]
    public async Task Described_drafts_validate_and_plan_with_the_split_rules_and_report_requests_and_tokens()
    {
        await using var chat = await FakeChatServer.StartAsync();
        chat.PeopleForShot[2] = 6;        // over max_people_per_clip (5): two clips
        chat.InteractionsForShot[1] = 7;  // over max_interactions_per_clip (3): three clips of the 1.6 s shot
        chat.InteractionsForShot[4] = 7;  // the same, but a 1.5 s shot between a dissolve and a fade has room for one clip
        chat.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromMilliseconds(200)));
        var folder = _temp!.Folder("described");
        using var settings = new ChatSettings(chat.BaseUrl.ToString(), chat.ApiKey);

        var (code, output, error) = await CliRun.RunAsync("analyze", _truth!.Path, "-o", folder, "--describe", "--model", "fake-vision-1");

        Assert.That(code, Is.EqualTo(ExitCodes.Success), error + output);
        var shots = _truth.Boundaries.Count + 1;
        Assert.That(chat.Requests, Has.Count.EqualTo(shots));
        Assert.That(chat.Requests.Select(r => (r.Model, r.Images, r.Problems.Count)), Has.All.EqualTo(("fake-vision-1", 3, 0)));
        var (prompt, completion) = chat.Tokens;
        Assert.That(output, Does.Contain($"Described {shots} of {shots} shots with fake-vision-1: {shots + 1} requests, {prompt} prompt + {completion} completion tokens"));
        Assert.That(error, Does.Contain($"Described shot 2/{shots}: 6 people"));
        Assert.That(output + error, Does.Not.Contain(chat.ApiKey));

        var scene = Path.Combine(folder, "reference.yaml");
        var validate = await CliRun.RunAsync("validate", scene);
        Assert.That(validate.ExitCode, Is.EqualTo(ExitCodes.Success), validate.Error + validate.Out);
        Assert.That(validate.Out + validate.Error, Does.Not.Contain("description not written yet"));

        var compiled = SceneCompiler.Compile(scene);
        var second = compiled.Plan.Scenes.Single(s => s.Id == "shot-002");
        Assert.That(second.Clips.Select(c => c.People), Is.EqualTo(new[] { 3, 3 }), "6 people, at most 5 per clip");
        Assert.That(second.Splits.Select(s => s.Rule), Does.Contain("max_people_per_clip"));
        var opening = compiled.Plan.Scenes.Single(s => s.Id == "shot-001");
        Assert.That(opening.Clips.Select(c => c.Interactions.Count), Is.EqualTo(new[] { 3, 2, 2 }), "7 interactions, at most 3 per clip");
        Assert.That(opening.Splits.Select(s => s.Rule), Does.Contain("max_interactions_per_clip"));
        var fourth = compiled.Plan.Scenes.Single(s => s.Id == "shot-004");
        Assert.That(fourth.Clips.Single().Interactions, Has.Count.EqualTo(3).And.Some.Contains(", then "), "joined so that no clip is shorter than the transitions");
        Assert.That(await File.ReadAllTextAsync(scene), Does.Contain("# the model listed 7 interactions; joined into 3"));
        var first = compiled.File.Scenes[0];
        Assert.That((first.People, first.Lighting, first.Camera.Framing), Is.EqualTo((2, "even studio light", "wide")));
        Assert.That(compiled.File.Characters.Select(c => c.Id), Is.EquivalentTo(new[] { "walker-1", "walker-0" }), "one character per name across shots");
        Assert.That(first.Characters, Is.EqualTo(new[] { "walker-1" }));
    }

    [Test]
    public async Task Json_carries_each_shot_s_description_or_its_warning_and_the_totals()
    {
        await using var chat = await FakeChatServer.StartAsync();
        chat.EnqueueAnswer(FakeChatAnswer.Normal).EnqueueAnswer(FakeChatAnswer.Refusal);
        using var settings = new ChatSettings(chat.BaseUrl.ToString(), chat.ApiKey);

        var (code, output, error) = await CliRun.RunAsync("analyze", _truth!.Path, "--json", "--describe");

        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(error, Does.Contain("warning: shot 2/").And.Contain("the model refused"));
        using var json = JsonDocument.Parse(output);
        var shots = json.RootElement.GetProperty("shots").EnumerateArray().ToList();
        Assert.That(shots[0].GetProperty("description").GetProperty("people").GetInt32(), Is.EqualTo(2));
        Assert.That(shots[1].GetProperty("description").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(shots[1].GetProperty("describe_warning").GetString(), Does.Contain("refused"));
        var describe = json.RootElement.GetProperty("describe");
        Assert.That(describe.GetProperty("described").GetInt32(), Is.EqualTo(shots.Count - 1));
        Assert.That(describe.GetProperty("requests").GetInt32(), Is.EqualTo(shots.Count));
        Assert.That(describe.GetProperty("prompt_tokens").GetInt64(), Is.EqualTo(chat.Tokens.Prompt));
        Assert.That(describe.GetProperty("completion_tokens").GetInt64(), Is.EqualTo(chat.Tokens.Completion));
    }

    [Test]
    public async Task Describe_sends_OPENAI_API_KEY_to_no_other_host_than_OpenAIs_and_says_that_no_key_is_sent()
    {
        await using var chat = await FakeChatServer.StartAsync();
        chat.RequireKey = false; // as a local server (Ollama): requests without a key are answered
        const string openAIKey = "sk-openai-not-for-this-host-0123456789abcdef";
        using var settings = new ChatSettings(chat.BaseUrl.ToString(), key: null, openAIKey: openAIKey);

        var (code, output, error) = await CliRun.RunAsync("analyze", _truth!.Path, "--json", "--describe");

        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(chat.Requests, Has.Count.EqualTo(_truth.Boundaries.Count + 1));
        Assert.That(chat.Requests.Select(r => r.Authorization), Has.All.Empty, "no Authorization header: OPENAI_API_KEY stays with OpenAI");
        Assert.That(error, Does.Contain("no key is sent").And.Contain("OPENAI_API_KEY goes only to https://api.openai.com"));
        Assert.That(output + error, Does.Not.Contain(openAIKey));
    }

    [Test]
    public async Task Describe_over_plain_http_to_another_machine_is_refused_unless_allowed_and_nothing_is_written()
    {
        var folder = Path.Combine(_temp!.Path, "plain-http");
        using var settings = new ChatSettings("http://192.0.2.7:11434/v1", key: "lan-key-0123456789");

        var (code, output, error) = await CliRun.RunAsync("analyze", _truth!.Path, "-o", folder, "--describe");

        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput), error);
        Assert.That(error, Does.Contain("plain http://").And.Contain("--allow-http").And.Contain("RECREATION_Describe__BaseUrl"));
        Assert.That(output + error, Does.Not.Contain("lan-key-0123456789"));
        Assert.That(folder, Does.Not.Exist, "nothing written");
    }

    [Test]
    public async Task Model_without_describe_is_a_usage_error_and_nothing_is_written()
    {
        var folder = Path.Combine(_temp!.Path, "model-alone");

        var (code, output, error) = await CliRun.RunAsync("analyze", _truth!.Path, "-o", folder, "--model", "gpt-4.1-mini");

        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput), output + error);
        Assert.That(error, Does.Contain("--model").And.Contain("--describe"));
        Assert.That(error, Does.Not.Contain("   at "), "a message, not a stack trace");
        Assert.That(folder, Does.Not.Exist, "nothing written");
    }

    [Test]
    public async Task Describe_without_a_key_for_OpenAI_is_bad_input_saying_what_to_set_and_how_to_rehearse()
    {
        var folder = Path.Combine(_temp!.Path, "no-key");
        using var settings = new ChatSettings(DescribeOptions.DefaultRoot, key: null);

        var (code, _, error) = await CliRun.RunAsync("analyze", _truth!.Path, "-o", folder, "--describe");

        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(error, Does.Contain("OPENAI_API_KEY").And.Contain("RECREATION_Describe__ApiKey").And.Contain("--provider chat"));
        Assert.That(folder, Does.Not.Exist, "nothing written");
    }

    /// <summary>Points <c>--describe</c> at a server for one test (process-wide variables; this fixture runs alone), and puts them back.</summary>
    private sealed class ChatSettings : IDisposable
    {
        private static readonly string[] Names =
            ["RECREATION_Describe__BaseUrl", "RECREATION_Describe__ApiKey", "OPENAI_API_KEY", "RECREATION_Describe__RetryBaseDelay", "RECREATION_Describe__ApiKeyEnv", "OPENAI_BASE_URL", "RECREATION_OpenAI__BaseUrl"];

        private readonly Dictionary<string, string?> _saved = Names.ToDictionary(n => n, Environment.GetEnvironmentVariable);

        public ChatSettings(string baseUrl, string? key, string? openAIKey = null)
        {
            Environment.SetEnvironmentVariable(Names[0], baseUrl);
            Environment.SetEnvironmentVariable(Names[1], key);
            Environment.SetEnvironmentVariable(Names[2], openAIKey);
            Environment.SetEnvironmentVariable(Names[3], "00:00:00.050");
            Environment.SetEnvironmentVariable(Names[4], null);
            Environment.SetEnvironmentVariable(Names[5], null);
            Environment.SetEnvironmentVariable(Names[6], null);
        }

        public void Dispose()
        {
            foreach (var (name, value) in _saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}