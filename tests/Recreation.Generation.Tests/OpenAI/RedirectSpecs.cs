using Recreation.Generation.OpenAI;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenAI;

/// <summary>
/// Credentials stay with the API's origin (issue 11, item 3): two fake servers on two loopback
/// ports are two origins, and a redirect from one to the other carries neither the key (in either
/// header scheme) nor the organization and project headers.
/// </summary>
[CancelAfter(60_000)]
public class RedirectSpecs
{
    private static readonly string Key = "sk-" + Guid.NewGuid().ToString("N");

    [TestCase(OpenAIVideosOptions.BearerAuth, "Authorization")]
    [TestCase(OpenAIVideosOptions.ApiKeyAuth, "api-key")]
    public async Task A_307_to_another_port_reaches_it_with_the_body_and_without_any_credential(string scheme, string keyHeader, CancellationToken cancellationToken)
    {
        await using var api = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Key }, cancellationToken);
        await using var other = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Key }, cancellationToken);
        api.Faults.Enqueue(HostileAnswers.Redirect(307, other.BaseUrl + "/videos"), FakeEndpoint.Create);
        using var http = new HttpClient(VideosClient.CreateHttpHandler());

        var error = Assert.ThrowsAsync<VideosApiException>(() => Client(http, api, scheme).CreateAsync(VideosApiRig.Tiny(), "clip-redirected", cancellationToken))!;

        Assert.That(error.StatusCode, Is.EqualTo(401), "the other origin saw no key, so it refused");
        Assert.That(api.Requests.Single().CredentialHeaders, Is.EquivalentTo(new[] { keyHeader, "OpenAI-Organization", "OpenAI-Project" }));
        var reached = other.Requests.Single();
        Assert.That((reached.Method, reached.Endpoint), Is.EqualTo(("POST", FakeEndpoint.Create)), "a 307 repeats the method");
        Assert.That(reached.ContentLength, Is.GreaterThan(0), "and the body");
        Assert.That(reached.CredentialHeaders, Is.Empty);
        Assert.That(api.JobsCreated + other.JobsCreated, Is.Zero);
    }

    [Test]
    public async Task Once_a_redirect_left_the_origin_a_redirect_back_carries_no_credential_either(CancellationToken cancellationToken)
    {
        await using var api = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Key }, cancellationToken);
        await using var other = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Key }, cancellationToken);
        api.Faults.Enqueue(HostileAnswers.Redirect(302, other.BaseUrl + "/models"), FakeEndpoint.Models);
        other.Faults.Enqueue(HostileAnswers.Redirect(302, api.BaseUrl + "/models"), FakeEndpoint.Models);
        using var http = new HttpClient(VideosClient.CreateHttpHandler());

        Assert.ThrowsAsync<VideosApiException>(() => Client(http, api, OpenAIVideosOptions.BearerAuth).ListModelsAsync(cancellationToken));

        Assert.That(api.Requests.Select(r => r.CredentialHeaders.Count), Is.EqualTo(new[] { 3, 0 }));
        Assert.That(other.Requests.Single().CredentialHeaders, Is.Empty);
    }

    [Test]
    public async Task A_redirect_within_the_origin_keeps_the_credentials_and_the_call_succeeds(CancellationToken cancellationToken)
    {
        await using var api = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Key }, cancellationToken);
        api.Faults.Enqueue(HostileAnswers.Redirect(307, "/v1/videos"), FakeEndpoint.Create);
        using var http = new HttpClient(VideosClient.CreateHttpHandler());

        var video = await Client(http, api, OpenAIVideosOptions.ApiKeyAuth).CreateAsync(VideosApiRig.Tiny(), "clip-same-origin", cancellationToken);

        Assert.That(video.Id, Is.EqualTo(api.Jobs.Single().Id));
        Assert.That(api.Requests.Select(r => r.CredentialHeaders.Count), Is.EqualTo(new[] { 3, 3 }));
    }

    [Test]
    public async Task A_redirect_to_a_url_holding_the_key_is_not_followed_and_not_shown(CancellationToken cancellationToken)
    {
        await using var api = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Key }, cancellationToken);
        await using var other = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Key }, cancellationToken);
        api.Faults.Enqueue(HostileAnswers.Redirect(302, $"{other.BaseUrl}/models/{Key}"), FakeEndpoint.Models);
        using var http = new HttpClient(VideosClient.CreateHttpHandler());

        var error = Assert.ThrowsAsync<VideosApiException>(() => Client(http, api, OpenAIVideosOptions.BearerAuth).ListModelsAsync(cancellationToken))!;

        Assert.That(error.Message, Does.Contain("holds the API key"));
        Assert.That(error.Message, Does.Not.Contain(Key[3..11]));
        Assert.That(other.Requests, Is.Empty);
    }

    [Test]
    public async Task A_redirect_loop_ends_after_five_hops_with_a_message(CancellationToken cancellationToken)
    {
        await using var api = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Key }, cancellationToken);
        api.Faults.AddRule(request => request.Endpoint == FakeEndpoint.List ? HostileAnswers.Redirect(302, "/v1/videos") : null);
        using var http = new HttpClient(VideosClient.CreateHttpHandler());

        var error = Assert.ThrowsAsync<VideosApiException>(() => Client(http, api, OpenAIVideosOptions.BearerAuth).ListAsync(cancellationToken: cancellationToken))!;

        Assert.That(error.Message, Does.Contain("redirected more than 5 times"));
        Assert.That(api.CountRequests(FakeEndpoint.List), Is.EqualTo(6));
    }

    private static VideosClient Client(HttpClient http, FakeVideosApiServer api, string scheme) => new(http, new OpenAIVideosOptions
    {
        BaseUrl = api.BaseUrl.ToString(),
        ApiKey = Key,
        AuthHeader = scheme,
        Organization = "org-redirect-spec",
        Project = "proj-redirect-spec",
        MaxRetryAttempts = 0,
    });
}