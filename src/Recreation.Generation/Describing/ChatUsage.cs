namespace Recreation.Generation.Describing;

/// <summary>What describing cost: HTTP requests sent (retries included) and the tokens the server reported (<c>usage.prompt_tokens</c>, <c>usage.completion_tokens</c>).</summary>
public sealed record ChatUsage(int Requests, long PromptTokens, long CompletionTokens)
{
    public static ChatUsage None { get; } = new(0, 0, 0);

    public long TotalTokens => PromptTokens + CompletionTokens;

    public ChatUsage Add(ChatUsage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Requests + other.Requests, PromptTokens + other.PromptTokens, CompletionTokens + other.CompletionTokens);
    }
}