using Microsoft.Extensions.Configuration;

using Recreation.Core;
using Recreation.Core.Security;
using Recreation.Generation.Describing;
using Recreation.Generation.Providers;
using Recreation.Testing;

namespace Recreation.Generation.Tests.Describing;

/// <summary>
/// Where <c>analyze --describe</c> sends which key, by the same rule as the providers: a credential
/// goes only to the API host it belongs to. <c>OPENAI_API_KEY</c> goes only to OpenAI's API host (or
/// the host of the user's own OpenAI base URL); any other chat server gets its own key setting or no
/// key at all; plain http to another machine is refused unless allowed.
/// </summary>
[CancelAfter(60_000)]
public class DescribeKeySpecs
{
    private const string OpenAIKey = "sk-openai-0123456789abcdefghijklmnopqrst";

    private static ProviderSettings Settings(Dictionary<string, string?> configuration, Dictionary<string, string> environment, bool allowHttp = false) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build(), name => environment.GetValueOrDefault(name))
        {
            Security = SecuritySettings.None with { AllowInsecureHttp = allowHttp },
        };

    [Test]
    public async Task OPENAI_API_KEY_is_never_sent_to_a_chat_server_on_another_host_which_gets_no_authorization_at_all(CancellationToken cancellationToken)
    {
        await using var rig = await ChatRig.StartAsync(cancellationToken);
        rig.Server.RequireKey = false; // a local server such as Ollama takes requests without a key
        var options = DescribeSettings.Resolve(Settings(
            new() { ["Describe:BaseUrl"] = rig.Server.BaseUrl.ToString(), ["Describe:RetryBaseDelay"] = "00:00:00.020" },
            new() { ["OPENAI_API_KEY"] = OpenAIKey }));
        using var describer = new ChatDescriber(rig.Http(), options, rig.Time);

        var outcome = await describer.DescribeAsync(ChatRig.Shot(1), cancellationToken);

        Assert.That(outcome.Description, Is.Not.Null, outcome.Warning);
        Assert.That(rig.Server.Requests.Select(r => r.Authorization), Has.All.Empty, "no Authorization header, so no key, reached the server");
        Assert.That(options.ApiKey, Is.Null);
        Assert.That(options.KeySource, Does.Contain("OPENAI_API_KEY").And.Contain("api.openai.com").And.Contain(DescribeSettings.KeySetting));
    }

    [Test]
    public async Task A_server_that_wants_a_key_when_none_was_sent_says_which_settings_give_it_one_and_never_shows_the_OpenAI_key(CancellationToken cancellationToken)
    {
        await using var rig = await ChatRig.StartAsync(cancellationToken);
        var options = DescribeSettings.Resolve(Settings(new() { ["Describe:BaseUrl"] = rig.Server.BaseUrl.ToString() }, new() { ["OPENAI_API_KEY"] = OpenAIKey }));
        using var describer = new ChatDescriber(rig.Http(), options, rig.Time);

        var outcome = await describer.DescribeAsync(ChatRig.Shot(1), cancellationToken);

        Assert.That(outcome.IsFatal, Is.True);
        Assert.That(outcome.Warning, Does.Contain("401").And.Contain("no key was sent").And.Contain(DescribeSettings.KeySetting).And.Contain(DescribeSettings.KeyEnvSetting));
        Assert.That(SecretLeaks.Find(outcome.Warning!, OpenAIKey), Is.Null);
        Assert.That(rig.Server.Requests.Single().Authorization, Is.Empty);
    }

    [TestCase("")]
    [TestCase("https://api.openai.com/v1/")]
    public void OPENAI_API_KEY_goes_to_OpenAIs_own_API_host(string baseUrl)
    {
        var configuration = new Dictionary<string, string?> { ["Describe:BaseUrl"] = baseUrl };

        var options = DescribeSettings.Resolve(Settings(configuration, new() { ["OPENAI_API_KEY"] = OpenAIKey }));

        Assert.That((options.BaseUrl.TrimEnd('/'), options.ApiKey), Is.EqualTo((DescribeOptions.DefaultRoot, OpenAIKey)));
        Assert.That(options.KeySource, Does.Contain("OPENAI_API_KEY"));
    }

    [Test]
    public void OPENAI_API_KEY_belongs_to_the_users_own_OpenAI_base_url_when_one_is_set_and_then_not_to_OpenAI()
    {
        var environment = new Dictionary<string, string> { ["OPENAI_API_KEY"] = OpenAIKey, ["OPENAI_BASE_URL"] = "https://gateway.example/v1" };

        var gateway = DescribeSettings.Resolve(Settings(new() { ["Describe:BaseUrl"] = "https://gateway.example/openai/v1" }, environment));
        var openAI = Assert.Throws<RecreationException>(() => DescribeSettings.Resolve(Settings([], environment)));

        Assert.That(gateway.ApiKey, Is.EqualTo(OpenAIKey), "the same origin as OPENAI_BASE_URL, where the openai backend sends it too");
        Assert.That(openAI!.ExitCode, Is.EqualTo(ExitCodes.InvalidInput), "OpenAI needs a key, and OPENAI_API_KEY belongs to the gateway");
        Assert.That(openAI.Message, Does.Contain("OPENAI_BASE_URL").And.Contain(DescribeSettings.KeySetting));
        Assert.That(SecretLeaks.Find(openAI.Message, OpenAIKey), Is.Null);
    }

    [Test]
    public void A_key_of_the_describe_servers_own_goes_to_it_from_the_setting_or_from_the_variable_the_settings_name()
    {
        var local = "http://127.0.0.1:11434/v1";

        var fromSetting = DescribeSettings.Resolve(Settings(new() { ["Describe:BaseUrl"] = local, ["Describe:ApiKey"] = "ollama" }, new() { ["OPENAI_API_KEY"] = OpenAIKey }));
        var fromVariable = DescribeSettings.Resolve(Settings(new() { ["Describe:BaseUrl"] = local, ["Describe:ApiKeyEnv"] = "LOCAL_CHAT_KEY" }, new() { ["LOCAL_CHAT_KEY"] = "local-key-1234" }));
        var unset = Assert.Throws<RecreationException>(() => DescribeSettings.Resolve(Settings(new() { ["Describe:BaseUrl"] = local, ["Describe:ApiKeyEnv"] = "LOCAL_CHAT_KEY" }, [])));

        Assert.That((fromSetting.ApiKey, fromVariable.ApiKey), Is.EqualTo(("ollama", "local-key-1234")));
        Assert.That(fromVariable.KeySource, Does.Contain("LOCAL_CHAT_KEY"));
        Assert.That(unset!.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(unset.Message, Does.Contain("LOCAL_CHAT_KEY").And.Contain(DescribeSettings.KeyEnvSetting));
    }

    [Test]
    public void Plain_http_to_another_machine_is_refused_unless_allowed_and_http_to_this_machine_is_fine()
    {
        var remote = new Dictionary<string, string?> { ["Describe:BaseUrl"] = "http://192.0.2.7:11434/v1", ["Describe:ApiKey"] = "lan-key-12345678" };

        var refused = Assert.Throws<RecreationException>(() => DescribeSettings.Resolve(Settings(remote, [])));
        var allowed = DescribeSettings.Resolve(Settings(remote, [], allowHttp: true));
        var local = DescribeSettings.Resolve(Settings(new() { ["Describe:BaseUrl"] = "http://localhost:11434/v1" }, []));

        Assert.That(refused!.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(refused.Message, Does.Contain("http://").And.Contain("--allow-http").And.Contain("RECREATION_Describe__BaseUrl"));
        Assert.That(refused.Message, Does.Not.Contain("lan-key-12345678"));
        Assert.That(allowed.BaseUrl, Does.StartWith("http://192.0.2.7"));
        Assert.That((local.BaseUrl, local.ApiKey), Is.EqualTo(("http://localhost:11434/v1", (string?)null)));
    }

    [Test]
    public void OpenAI_without_any_key_is_a_usage_error_saying_what_to_set_and_a_bad_key_is_never_printed()
    {
        var missing = Assert.Throws<RecreationException>(() => DescribeSettings.Resolve(Settings([], [])));
        var spaced = Assert.Throws<RecreationException>(() => DescribeSettings.Resolve(Settings([], new() { ["OPENAI_API_KEY"] = "sk-half one-0123456789" })));

        Assert.That(missing!.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(missing.Message, Does.Contain("OPENAI_API_KEY").And.Contain(DescribeSettings.KeySetting).And.Contain("--provider chat"));
        Assert.That(spaced!.Message, Does.Contain("space"));
        Assert.That(SecretLeaks.Find(spaced.Message, "sk-half one-0123456789"), Is.Null);
    }
}