namespace Recreation.Generation.OpenAI;

/// <summary>Why a job failed, in the server's words (e.g. <c>moderation_blocked</c>).</summary>
public sealed record VideoError(string? Code, string? Message)
{
    public override string ToString() => (Code, Message) switch
    {
        (null, null) => "no reason given",
        (null, var message) => message,
        (var code, null) => code,
        var (code, message) => $"{code}: {message}",
    };
}