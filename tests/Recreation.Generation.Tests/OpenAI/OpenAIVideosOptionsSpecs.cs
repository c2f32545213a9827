using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

using Recreation.Core;
using Recreation.Generation.OpenAI;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.OpenAI;

[CancelAfter(60_000)]
public class OpenAIVideosOptionsSpecs
{
    [Test]
    public void The_defaults_with_a_key_are_valid_and_point_at_openai()
    {
        var options = new OpenAIVideosOptions { ApiKey = "sk-test" };
        Assert.That(options.Validate(), Is.Empty);
        Assert.That((options.BaseUrl, options.AuthHeader), Is.EqualTo(("https://api.openai.com/v1", "bearer")));
    }

    [Test]
    public void Every_problem_is_reported_at_once_with_what_to_set()
    {
        var options = new OpenAIVideosOptions
        {
            BaseUrl = "api.example.com/v1",
            ApiKey = " ",
            AuthHeader = "basic",
            MinPollInterval = TimeSpan.FromSeconds(40),
            MaxPollInterval = TimeSpan.FromSeconds(30),
            MaxRetryAttempts = -1,
        };

        var error = Assert.Throws<RecreationException>(options.ThrowIfInvalid);

        Assert.That((error!.ExitCode, error.IsFatal), Is.EqualTo((ExitCodes.InvalidInput, true)));
        Assert.That(options.Validate(), Has.Count.EqualTo(5));
        Assert.That(error.Message, Does.Contain("OPENAI_BASE_URL").And.Contain("OPENAI_API_KEY").And.Contain("'api-key' (Azure)")
            .And.Contain("MinPollInterval").And.Contain("MaxRetryAttempts"));
    }

    [Test]
    public void A_base_url_with_credentials_is_refused()
    {
        var options = new OpenAIVideosOptions { ApiKey = "sk-test", BaseUrl = "https://user:secret@gateway.example/v1" };
        Assert.That(options.Validate().Single(), Does.Contain("must not carry credentials"));
    }

    [Test]
    public void The_key_never_appears_in_the_options_text()
    {
        var options = new OpenAIVideosOptions { ApiKey = "sk-very-secret-value" };
        Assert.That(options.ToString(), Does.Not.Contain("sk-very-secret-value").And.Contain("ApiKey=(set)"));
    }

    [Test]
    public void A_client_refuses_invalid_options_before_any_request()
    {
        using var http = new HttpClient();
        Assert.Throws<RecreationException>(() => _ = new VideosClient(http, new OpenAIVideosOptions()));
    }

    [Test]
    public async Task The_typed_client_is_registered_with_validated_options(CancellationToken cancellationToken)
    {
        await using var server = await FakeVideosApiServer.StartAsync(cancellationToken: cancellationToken);
        var services = new ServiceCollection();
        services.AddOpenAIVideosClient(o => (o.BaseUrl, o.ApiKey) = (server.BaseUrl.ToString(), server.ApiKey));
        await using (var provider = services.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<VideosClient>();
            var list = await client.ListAsync(cancellationToken: cancellationToken);
            Assert.That(list.Data, Is.Empty);
        }

        var invalid = new ServiceCollection();
        invalid.AddOpenAIVideosClient(o => o.BaseUrl = "nowhere");
        await using var broken = invalid.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => broken.GetRequiredService<VideosClient>());
        Assert.That(error!.Message, Does.Contain("OPENAI_API_KEY"));
    }
}