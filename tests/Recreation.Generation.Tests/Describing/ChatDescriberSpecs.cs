using System.Text.Json.Nodes;

using Microsoft.AspNetCore.Http;

using Recreation.Generation.Describing;
using Recreation.Testing;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.Describing;

/// <summary><see cref="ChatDescriber"/> against the fake chat completions server: the request's shape, the answer mapped, retries, and every bad answer a warning.</summary>
[CancelAfter(60_000)]
public class ChatDescriberSpecs
{
    [Test]
    public async Task A_shot_is_sent_with_its_keyframes_as_data_URIs_and_a_strict_json_schema_and_its_answer_mapped(CancellationToken cancellationToken)
    {
        await using var rig = await ChatRig.StartAsync(cancellationToken);
        rig.Server.PeopleForShot[2] = 6;
        rig.Server.InteractionsForShot[2] = 4;
        var describer = rig.Describer();

        var outcome = await describer.DescribeAsync(ChatRig.Shot(2), cancellationToken);

        Assert.That(outcome.Warning, Is.Null);
        var request = rig.Server.Requests.Single();
        Assert.That((request.Model, request.Shot, request.Images, request.Problems.Count), Is.EqualTo(("fake-vision-1", 2, 3, 0)));
        Assert.That(request.Authorization, Is.EqualTo("Bearer " + rig.Server.ApiKey));
        var description = outcome.Description!;
        Assert.That((description.People, description.Interactions.Count), Is.EqualTo((6, 4)));
        Assert.That(description.Characters.Single().Name, Is.EqualTo("Walker 0"));
        Assert.That(description.Characters.Single().Anchors, Is.EqualTo(new[] { "blue coat", "shot 2 scarf" }));
        Assert.That((description.Lighting, description.Framing), Is.EqualTo(("even studio light", "wide")));
        var (prompt, completion) = rig.Server.Tokens;
        Assert.That(outcome.Usage, Is.EqualTo(new ChatUsage(1, prompt, completion)));
        Assert.That(prompt, Is.EqualTo(50 + (3 * 85)));
    }

    [Test]
    public void The_body_asks_for_the_schema_strictly_with_every_property_required()
    {
        var options = new DescribeOptions { ApiKey = "sk-test-0000", Model = "m" };
        using var http = new HttpClient();
        var body = new ChatDescriber(http, options).Body(ChatRig.Shot(1));

        var format = body["response_format"]!;
        Assert.That((string?)format["type"], Is.EqualTo("json_schema"));
        Assert.That((bool?)format["json_schema"]!["strict"], Is.True);
        var schema = format["json_schema"]!["schema"]!.AsObject();
        Assert.That(schema["required"]!.AsArray().Select(n => (string?)n), Is.EquivalentTo(schema["properties"]!.AsObject().Select(p => p.Key)));
        Assert.That((bool?)schema["additionalProperties"], Is.False);
        var parts = body["messages"]![1]!["content"]!.AsArray();
        Assert.That(parts.Skip(1).Select(p => (string?)p!["image_url"]!["url"]), Has.All.StartWith("data:image/jpeg;base64,"));
        Assert.That((int?)body["max_completion_tokens"], Is.EqualTo(options.MaxTokens));
    }

    [Test]
    public async Task A_rate_limit_a_server_error_and_a_dropped_connection_are_retried_and_Retry_After_is_honoured(CancellationToken cancellationToken)
    {
        await using var rig = await ChatRig.StartAsync(cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.RateLimited(TimeSpan.FromSeconds(7)));
        rig.Server.Faults.Enqueue(FakeFault.ServerError());
        rig.Server.Faults.Enqueue(FakeFault.DropBeforeHandling());

        var outcome = await rig.Describer().DescribeAsync(ChatRig.Shot(1), cancellationToken);

        Assert.That(outcome.Description, Is.Not.Null, outcome.Warning);
        Assert.That(outcome.Usage.Requests, Is.EqualTo(4));
        Assert.That(rig.Server.RequestsArrived, Is.EqualTo(4));
        Assert.That(rig.FakeTime.RequestedDelays, Does.Contain(TimeSpan.FromSeconds(7)), "the server's Retry-After");
    }

    [TestCase(FakeChatAnswer.Refusal, "refused")]
    [TestCase(FakeChatAnswer.MalformedJson, "not JSON")]
    [TestCase(FakeChatAnswer.WrongSchema, "does not follow the schema")]
    [TestCase(FakeChatAnswer.CutOff, "token limit")]
    [TestCase(FakeChatAnswer.Oversize, "size cap")]
    public async Task A_bad_answer_is_a_warning_that_is_not_retried_and_its_tokens_still_count(FakeChatAnswer answer, string said, CancellationToken cancellationToken)
    {
        await using var rig = await ChatRig.StartAsync(cancellationToken);
        rig.Server.EnqueueAnswer(answer);

        var outcome = await rig.Describer().DescribeAsync(ChatRig.Shot(1), cancellationToken);

        Assert.That(outcome.Description, Is.Null);
        Assert.That(outcome.Warning, Does.Contain(said));
        Assert.That(outcome.IsFatal, Is.False);
        Assert.That(outcome.Usage.Requests, Is.EqualTo(1));
        Assert.That(outcome.Usage.TotalTokens, Is.EqualTo(rig.Server.Tokens.Prompt + rig.Server.Tokens.Completion));
    }

    [Test]
    public async Task An_answer_in_a_code_fence_from_a_server_without_structured_outputs_is_read(CancellationToken cancellationToken)
    {
        await using var rig = await ChatRig.StartAsync(cancellationToken);
        rig.Server.EnqueueAnswer(FakeChatAnswer.Fenced);

        var outcome = await rig.Describer().DescribeAsync(ChatRig.Shot(3), cancellationToken);

        Assert.That(outcome.Description?.People, Is.EqualTo(1), outcome.Warning);
    }

    [Test]
    public async Task A_refused_key_is_fatal_and_the_message_never_holds_the_key(CancellationToken cancellationToken)
    {
        await using var rig = await ChatRig.StartAsync(cancellationToken);
        const string wrong = "sk-wrong-key-abcdefghijklmnop";

        var outcome = await rig.Describer(o => o.ApiKey = wrong).DescribeAsync(ChatRig.Shot(1), cancellationToken);

        Assert.That(outcome.IsFatal, Is.True);
        Assert.That(outcome.Warning, Does.Contain("401").And.Contain("RECREATION_Describe__ApiKey"));
        Assert.That(SecretLeaks.Find(outcome.Warning!, wrong), Is.Null);
        Assert.That(rig.Server.RequestsArrived, Is.EqualTo(1), "not retried");
    }

    [Test]
    public async Task A_request_the_server_refuses_as_invalid_is_a_warning_for_that_shot_only(CancellationToken cancellationToken)
    {
        await using var rig = await ChatRig.StartAsync(cancellationToken);

        var outcome = await rig.Describer().DescribeAsync(ChatRig.Shot(1, keyframes: []), cancellationToken);

        Assert.That((outcome.IsFatal, outcome.Description), Is.EqualTo((false, (ShotDescription?)null)));
        Assert.That(outcome.Warning, Does.Contain("400").And.Contain("no image_url parts"));
    }

    [Test]
    public async Task The_key_echoed_by_the_server_is_redacted_from_the_description(CancellationToken cancellationToken)
    {
        await using var rig = await ChatRig.StartAsync(cancellationToken);
        rig.Server.EnqueueAnswer(FakeChatAnswer.EchoKey);

        var outcome = await rig.Describer().DescribeAsync(ChatRig.Shot(1), cancellationToken);

        Assert.That(outcome.Description!.Description, Does.Contain("[redacted]"));
        Assert.That(SecretLeaks.Find(outcome.Description.Description, rig.Server.ApiKey), Is.Null);
    }

    [Test]
    public async Task A_redirect_to_another_host_is_not_followed_so_the_key_goes_nowhere_else(CancellationToken cancellationToken)
    {
        await using var rig = await ChatRig.StartAsync(cancellationToken);
        await using var elsewhere = await FakeChatServer.StartAsync(cancellationToken: cancellationToken);
        rig.Server.Faults.AddRule(_ => FakeFault.Respond("redirect", context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = new Uri(elsewhere.BaseUrl, "v1/chat/completions").ToString();
            return Task.CompletedTask;
        }));

        var outcome = await rig.Describer().DescribeAsync(ChatRig.Shot(1), cancellationToken);

        Assert.That(outcome.Description, Is.Null);
        Assert.That(outcome.Warning, Does.Contain("307"));
        Assert.That(elsewhere.RequestsArrived, Is.Zero, "nothing, and so no key, reached the other host");
    }

    [Test]
    public void Options_without_a_model_or_with_a_bad_detail_are_refused_naming_the_setting()
    {
        var options = new DescribeOptions { ApiKey = "sk-x-12345678", Model = " ", ImageDetail = "max" };

        var errors = options.ValidateAll();

        Assert.That(errors, Has.Some.Contains("RECREATION_Describe__Model"));
        Assert.That(errors, Has.Some.Contains("ImageDetail"));
        Assert.That(new DescribeOptions { ApiKey = "k", BaseUrl = "https://api.openai.com/v1/chat/completions" }.ValidateAll(), Has.Some.Contains("RECREATION_Describe__BaseUrl"));
    }
}