using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Microsoft.AspNetCore.Http;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// The chat completions endpoint as <see cref="FakeChatServer"/> serves it, after OpenAI's API
/// reference: <c>Authorization: Bearer</c> (else 401); a body with a <c>model</c>, <c>messages</c>
/// whose user message holds <c>image_url</c> parts with base64 JPEG or PNG data URIs, and
/// <c>response_format: {type: "json_schema", json_schema: {name, strict: true, schema}}</c> (else 400
/// listing what is wrong). The answer is <c>{id, object: "chat.completion", model, choices: [{index: 0,
/// message: {role: "assistant", content, refusal: null}, finish_reason: "stop"}], usage}</c>, its
/// content a JSON object derived from the request only: the shot number read from the text
/// (<c>Shot N of M</c>), people and interactions from <see cref="PeopleForShot"/> and
/// <see cref="InteractionsForShot"/>, a character that recurs every other shot, and a hash of the
/// images. Usage is 50 prompt tokens + 85 per image, and one completion token per 4 characters.
/// </summary>
internal sealed partial class FakeChatService(string apiKey)
{
    private readonly Lock _gate = new();
    private readonly List<FakeChatRequest> _requests = [];
    private readonly ConcurrentQueue<FakeChatAnswer> _answers = new();
    private long _promptTokens;
    private long _completionTokens;

    public IDictionary<int, int> PeopleForShot { get; } = new ConcurrentDictionary<int, int>();

    /// <summary>False: like a local server (Ollama), any <c>Authorization</c> or none is accepted (and still recorded).</summary>
    public bool RequireKey { get; set; } = true;

    public IDictionary<int, int> InteractionsForShot { get; } = new ConcurrentDictionary<int, int>();

    public IReadOnlyList<FakeChatRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    public (long Prompt, long Completion) Tokens => (Interlocked.Read(ref _promptTokens), Interlocked.Read(ref _completionTokens));

    public void Enqueue(FakeChatAnswer answer) => _answers.Enqueue(answer);

    public static (FakeEndpoint Endpoint, string? Id) Classify(string method, string path) =>
        method == "POST" && path.TrimEnd('/').EndsWith("/chat/completions", StringComparison.Ordinal) ? (FakeEndpoint.Create, null) : (FakeEndpoint.Unknown, null);

    public static Task WriteFaultAsync(HttpContext context, FakeFault fault) =>
        Error(context, fault.StatusCode, fault.Message ?? "error", fault.ErrorType ?? "server_error", fault.ErrorCode);

    public async Task HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (Classify(context.Request.Method, context.Request.Path.Value ?? "/").Endpoint != FakeEndpoint.Create)
        {
            Record(new FakeChatRequest(0, authorization, null, null, 0, ["not POST /v1/chat/completions"], 404));
            await Error(context, 404, "Unknown request URL.", "invalid_request_error", "unknown_url").ConfigureAwait(false);
            return;
        }

        if (RequireKey && authorization != "Bearer " + apiKey)
        {
            Record(new FakeChatRequest(0, authorization, null, null, 0, ["bad key"], 401));
            await Error(context, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key").ConfigureAwait(false);
            return;
        }

        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            body = null;
        }

        var problems = new List<string>();
        var (model, shot, images, hash) = Inspect(body, problems);
        if (problems.Count > 0)
        {
            Record(new FakeChatRequest(0, authorization, model, shot, images.Count, problems, 400));
            await Error(context, 400, "Invalid request: " + string.Join("; ", problems), "invalid_request_error", null).ConfigureAwait(false);
            return;
        }

        var answer = _answers.TryDequeue(out var scripted) ? scripted : FakeChatAnswer.Normal;
        Record(new FakeChatRequest(0, authorization, model, shot, images.Count, [], 200));
        if (answer == FakeChatAnswer.Oversize)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"choices\":[{\"message\":{\"content\":\"" + new string('x', 1024 * 1024) + "\"}}]}").ConfigureAwait(false);
            return;
        }

        var content = Content(shot ?? 0, images, hash, answer == FakeChatAnswer.EchoKey ? authorization : null);
        var (text, refusal, finish) = answer switch
        {
            FakeChatAnswer.Refusal => (null, "I'm sorry, I can't help with that request.", "stop"),
            FakeChatAnswer.MalformedJson => ("Sure! Here is what I see: a person walking {people: two", null, "stop"),
            FakeChatAnswer.WrongSchema => (content.Replace("\"people\":", "\"mood\":\"calm\",\"people\":", StringComparison.Ordinal).Replace("\"people\":" + People(shot ?? 0), "\"people\":\"many\"", StringComparison.Ordinal), null, "stop"),
            FakeChatAnswer.CutOff => (content[..(content.Length / 2)], null, "length"),
            FakeChatAnswer.Fenced => ("```json\n" + content + "\n```", null, "stop"),
            _ => (content, (string?)null, "stop"),
        };
        var prompt = 50 + (85 * images.Count);
        var completion = ((text ?? refusal)!.Length + 3) / 4;
        Interlocked.Add(ref _promptTokens, prompt);
        Interlocked.Add(ref _completionTokens, completion);
        var response = new JsonObject
        {
            ["id"] = "chatcmpl-fake" + Requests.Count.ToString(CultureInfo.InvariantCulture),
            ["object"] = "chat.completion",
            ["created"] = 1_765_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text, ["refusal"] = refusal },
                ["finish_reason"] = finish,
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString()).ConfigureAwait(false);
    }

    private int People(int shot) => PeopleForShot.TryGetValue(shot, out var people) ? people : (shot % 3) + 1;

    private string Content(int shot, List<byte[]> images, uint hash, string? echo)
    {
        var people = People(shot);
        var count = InteractionsForShot.TryGetValue(shot, out var n) ? n : 2;
        var who = $"Walker {shot % 2}";
        var interactions = new JsonArray(Enumerable.Range(1, count).Select(i => (JsonNode)JsonValue.Create($"{who} takes step {i}")).ToArray());
        var content = new JsonObject
        {
            ["description"] = string.Create(CultureInfo.InvariantCulture, $"Shot {shot}: {people} people cross a test pattern, seen in {images.Count} frames (images {hash:x8}).{(echo is null ? "" : " You sent " + echo)}"),
            ["people"] = people,
            ["interactions"] = interactions,
            ["characters"] = new JsonArray(new JsonObject
            {
                ["name"] = who,
                ["description"] = "a person walking through the frame",
                ["anchors"] = new JsonArray("blue coat", $"shot {shot} scarf"),
            }),
            ["lighting"] = "even studio light",
            ["framing"] = "wide",
        };
        return content.ToJsonString();
    }

    /// <summary>What the request asked and what is wrong with its shape.</summary>
    private static (string? Model, int? Shot, List<byte[]> Images, uint Hash) Inspect(JsonNode? body, List<string> problems)
    {
        var images = new List<byte[]>();
        if (body is not JsonObject root)
        {
            problems.Add("the body is not a JSON object");
            return (null, null, images, 0);
        }

        var model = root["model"] is JsonValue m && m.TryGetValue<string>(out var name) && name.Length > 0 ? name : null;
        if (model is null)
        {
            problems.Add("no model");
        }

        int? shot = null;
        foreach (var message in (root["messages"] as JsonArray ?? []).OfType<JsonObject>().Where(m => (string?)m["role"] == "user"))
        {
            foreach (var part in (message["content"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if ((string?)part["type"] == "text" && ShotText().Match((string?)part["text"] ?? "") is { Success: true } match)
                {
                    shot = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                }
                else if ((string?)part["type"] == "image_url")
                {
                    var url = (string?)part["image_url"]?["url"] ?? "";
                    var data = DataUri().Match(url);
                    if (!data.Success)
                    {
                        problems.Add("an image_url is not a base64 JPEG or PNG data URI");
                        continue;
                    }

                    try
                    {
                        images.Add(Convert.FromBase64String(data.Groups[1].Value));
                    }
                    catch (FormatException)
                    {
                        problems.Add("an image_url's base64 does not decode");
                    }
                }
            }
        }

        if (images.Count == 0)
        {
            problems.Add("no image_url parts in the user message");
        }

        var format = root["response_format"];
        if ((string?)format?["type"] != "json_schema" || format?["json_schema"]?["name"] is null
            || format["json_schema"]!["strict"] is not JsonValue strict || !strict.TryGetValue<bool>(out var isStrict) || !isStrict
            || (string?)format["json_schema"]!["schema"]?["type"] != "object")
        {
            problems.Add("response_format is not {type: json_schema, json_schema: {name, strict: true, schema: {type: object, …}}}");
        }

        var hash = 2166136261u;
        foreach (var b in images.SelectMany(i => i))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (model, shot, images, hash);
    }

    private void Record(FakeChatRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request with { Number = _requests.Count + 1 });
        }
    }

    private static Task Error(HttpContext context, int status, string message, string type, string? code)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code } };
        return context.Response.WriteAsync(error.ToJsonString(), Encoding.UTF8);
    }

    [GeneratedRegex(@"\bShot (\d{1,6}) of \d{1,6}\b")]
    private static partial Regex ShotText();

    [GeneratedRegex(@"^data:image/(?:jpeg|png);base64,([A-Za-z0-9+/=]+)$")]
    private static partial Regex DataUri();
}