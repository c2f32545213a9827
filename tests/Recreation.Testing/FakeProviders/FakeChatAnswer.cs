namespace Recreation.Testing.FakeProviders;

/// <summary>How <see cref="FakeChatServer"/> answers a well-formed request (scripted per request with <see cref="FakeChatServer.EnqueueAnswer"/>).</summary>
public enum FakeChatAnswer
{
    /// <summary>The structured JSON, derived from the request.</summary>
    Normal,

    /// <summary><c>message.refusal</c> set, <c>content</c> null (as OpenAI's structured outputs refuse).</summary>
    Refusal,

    /// <summary>Content that is not JSON (a server that ignores <c>json_schema</c> and chats).</summary>
    MalformedJson,

    /// <summary>JSON of the wrong shape: <c>people</c> as a string, an extra property.</summary>
    WrongSchema,

    /// <summary>The answer cut at the token limit: <c>finish_reason: "length"</c> and half the JSON.</summary>
    CutOff,

    /// <summary>The normal JSON inside a Markdown code fence (a server without structured outputs).</summary>
    Fenced,

    /// <summary>A body of 1 MiB (over any sane answer cap).</summary>
    Oversize,

    /// <summary>The normal JSON, with the key the client sent echoed into the description.</summary>
    EchoKey,
}