using Recreation.Core.Diagnostics;
using Recreation.Core.Security;

namespace Recreation.Core.Tests.Security;

[CancelAfter(10_000)]
public class EndpointPolicySpecs
{
    private const string Gateway = "https://gateway.example/v1";

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["OPENAI_API_KEY"] = "sk-default",
        ["GATEWAY_KEY"] = "sk-gateway",
        ["GITHUB_TOKEN"] = "ghp-secret",
    };

    private static SceneValue At(string path, string value, int line = 5, int column = 13) => new(value, "scene.yaml", line, column, path);

    private static EndpointRequest Request(SceneValue? baseUrl = null, SceneValue? key = null, SceneValue? connection = null, string? userBaseUrl = null) =>
        new("openai", "https://api.openai.com/v1", "OPENAI_API_KEY", userBaseUrl, "OPENAI_BASE_URL", BaseUrl: baseUrl, KeyVariable: key, Connection: connection);

    private static SecuritySettings Allowing(string[]? origins = null, string[]? keys = null, bool http = false, params ConnectionSettings[] connections) =>
        SecuritySettings.None with
        {
            AllowedBaseUrls = (origins ?? []).Select(o => new Uri(o)).ToArray(),
            AllowedKeyVariables = keys ?? [],
            AllowInsecureHttp = http,
            Connections = connections.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase),
        };

    private static ResolvedEndpoint Resolve(EndpointRequest request, SecuritySettings? settings = null) =>
        EndpointPolicy.Resolve(request, settings ?? SecuritySettings.None, name => Environment.GetValueOrDefault(name));

    private static string Refusal(EndpointRequest request, SecuritySettings? settings = null) =>
        Assert.Throws<InvalidInputException>(() => Resolve(request, settings))!.Message;

    [Test]
    public void Without_scene_values_the_users_base_url_and_the_default_key_are_used()
    {
        var endpoint = Resolve(Request(userBaseUrl: Gateway + "/"));
        Assert.That(endpoint, Is.EqualTo(new ResolvedEndpoint(Gateway, "sk-default", "OPENAI_API_KEY", "environment variable OPENAI_API_KEY", null, null)));
        Assert.That(Resolve(Request()).BaseUrl, Is.EqualTo("https://api.openai.com/v1"));
    }

    [Test]
    public void A_scene_may_repeat_the_users_own_base_url_and_the_default_key_variable()
    {
        var endpoint = Resolve(Request(At("target.base_url", "https://GATEWAY.example:443/v1/"), At("target.api_key_env", "OPENAI_API_KEY"), userBaseUrl: Gateway));
        Assert.That(endpoint.BaseUrl, Is.EqualTo("https://GATEWAY.example:443/v1"));
        Assert.That(endpoint.ApiKey, Is.EqualTo("sk-default"));
    }

    [Test]
    public void A_base_url_the_user_did_not_allow_is_refused_at_its_line_with_how_to_allow_it()
    {
        var message = Refusal(Request(At("target.base_url", "https://evil.example:8443/v1"), At("target.api_key_env", "GITHUB_TOKEN", 6, 16), userBaseUrl: Gateway));

        Assert.That(message, Does.StartWith("2 errors:"));
        Assert.That(message, Does.Contain("scene.yaml:5:13: target.base_url: this scene would send your openai key to https://evil.example:8443/v1")
            .And.Contain("your openai base URL is https://gateway.example/v1, from OPENAI_BASE_URL")
            .And.Contain("--allow-base-url https://evil.example:8443").And.Contain("RECREATION_Security__AllowedBaseUrls=https://evil.example:8443")
            .And.Contain("target.connection: NAME"));
        Assert.That(message, Does.Contain("scene.yaml:6:16: target.api_key_env: this scene would send the environment variable GITHUB_TOKEN")
            .And.Contain("--allow-key-env GITHUB_TOKEN").And.Contain("RECREATION_Security__AllowedKeyVariables=GITHUB_TOKEN"));
        Assert.That(message, Does.Not.Contain("ghp-secret").And.Not.Contain("sk-default"));
    }

    [Test]
    public void An_allowed_origin_admits_any_path_on_it_but_not_another_port_scheme_or_user_part()
    {
        var settings = Allowing(origins: ["https://evil.example/anything"]);
        Assert.That(Resolve(Request(At("target.base_url", "https://evil.example/v2/")), settings).BaseUrl, Is.EqualTo("https://evil.example/v2"));
        Assert.Throws<InvalidInputException>(() => Resolve(Request(At("target.base_url", "https://evil.example:444/v1")), settings));
        Assert.Throws<InvalidInputException>(() => Resolve(Request(At("target.base_url", "http://evil.example/v1")), settings with { AllowInsecureHttp = true }));
        Assert.That(Refusal(Request(At("target.base_url", "https://me:pw@evil.example/v1")), settings), Does.Contain("may not carry user:password@"));
    }

    [Test]
    public void An_allowed_key_variable_is_read_and_said_where_it_came_from()
    {
        var endpoint = Resolve(Request(key: At("target.api_key_env", "GATEWAY_KEY")), Allowing(keys: ["GATEWAY_KEY"]));
        Assert.That(endpoint.ApiKey, Is.EqualTo("sk-gateway"));
        Assert.That(endpoint.KeySource, Is.EqualTo("environment variable GATEWAY_KEY"));
        Assert.That(endpoint.KeyVariableIsCustom);
    }

    [Test]
    public void A_configured_key_stands_in_for_an_unset_variable_but_never_for_a_connection()
    {
        var request = Request(key: At("target.api_key_env", "UNSET_KEY")) with { UserApiKey = "sk-configured", UserApiKeySource = "the setting OpenAI:ApiKey" };
        var endpoint = Resolve(request, Allowing(keys: ["UNSET_KEY"]));
        Assert.That((endpoint.ApiKey, endpoint.KeySource), Is.EqualTo(("sk-configured", "the setting OpenAI:ApiKey")));

        var connection = new ConnectionSettings("gw", Gateway, "UNSET_KEY", null);
        var viaConnection = Resolve(request with { KeyVariable = null, Connection = At("target.connection", "gw") }, Allowing(connections: connection));
        Assert.That(viaConnection.ApiKey, Is.Null);
        Assert.That(viaConnection.KeySource, Is.EqualTo("nowhere (UNSET_KEY is not set)"));
    }

    [Test]
    public void A_named_connection_gives_the_base_url_key_and_auth_header()
    {
        var settings = Allowing(connections: new ConnectionSettings("Azure", "https://azure.example/openai/v1", "GATEWAY_KEY", "api-key"));
        var endpoint = Resolve(Request(connection: At("target.connection", "azure")), settings);
        Assert.That(endpoint, Is.EqualTo(new ResolvedEndpoint("https://azure.example/openai/v1", "sk-gateway", "GATEWAY_KEY", "environment variable GATEWAY_KEY", "api-key", "Azure") { KeyVariableIsCustom = true }));
    }

    [Test]
    public void An_unknown_connection_lists_the_defined_names_and_a_connection_takes_no_base_url_beside_it()
    {
        var settings = Allowing(connections: [new("b-gw", Gateway, null, null), new("a-gw", Gateway, null, null)]);
        Assert.That(Refusal(Request(connection: At("target.connection", "c-gw", 7, 15)), settings),
            Does.Contain("scene.yaml:7:15: target.connection: unknown connection 'c-gw' (your settings define: a-gw, b-gw)").And.Contain("RECREATION_Connections__c-gw__BaseUrl"));
        Assert.That(Refusal(Request(connection: At("target.connection", "x"))), Does.Contain("your settings define no connections"));
        Assert.That(Refusal(Request(At("target.base_url", Gateway, 6), connection: At("target.connection", "a-gw")), settings),
            Does.Contain("scene.yaml:6:13: target.base_url: cannot be used together with target.connection"));
    }

    [Test]
    public void Plain_http_off_this_machine_is_refused_whatever_set_it_and_loopback_is_always_allowed()
    {
        var fromScene = Refusal(Request(At("target.base_url", "http://gateway.example/v1")), Allowing(origins: ["http://gateway.example"]));
        Assert.That(fromScene, Does.Contain("scene.yaml:5:13: target.base_url: The openai base URL http://gateway.example/v1 (from target.base_url) is plain http://").And.Contain("--allow-http"));

        var fromUser = Assert.Throws<RecreationException>(() => Resolve(Request(userBaseUrl: "http://10.1.2.3:8080/v1")))!;
        Assert.That(fromUser.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(fromUser.Message, Does.Contain("http://10.1.2.3:8080/v1 (from OPENAI_BASE_URL) is plain http://").And.Contain("Security:AllowInsecureHttp=true"));

        var fromConnection = Refusal(Request(connection: At("target.connection", "lan")), Allowing(connections: new ConnectionSettings("lan", "http://lan-box/v1", null, null)));
        Assert.That(fromConnection, Does.Contain("target.connection: The openai base URL http://lan-box/v1 (from the connection 'lan' (Connections:lan:BaseUrl))"));

        Assert.That(Resolve(Request(userBaseUrl: "http://10.1.2.3:8080/v1"), Allowing(http: true)).BaseUrl, Is.EqualTo("http://10.1.2.3:8080/v1"));
        foreach (var loopback in new[] { "http://127.0.0.1:9/v1", "http://127.8.9.10/v1", "http://localhost:8089/v1", "http://[::1]:8089/v1" })
        {
            Assert.That(Resolve(Request(userBaseUrl: loopback)).BaseUrl, Is.EqualTo(loopback));
        }
    }
}