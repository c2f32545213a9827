namespace Recreation.Generation.OpenAI;

/// <summary>
/// The status values the protocol documents. A status is a string, not an enum, on purpose:
/// gateways send others (<c>cancelled</c>, <c>expired</c>…), and anything other than
/// <see cref="Queued"/>, <see cref="InProgress"/> and <see cref="Processing"/> is terminal.
/// </summary>
public static class VideoStatus
{
    public const string Queued = "queued";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>
    /// Not OpenAI's, but what a LiteLLM proxy sends for a Veo (Gemini or Vertex AI) job that is still
    /// running (<c>litellm/llms/gemini/videos/transformation.py</c> and <c>…/vertex_ai/videos/…</c>,
    /// <c>transform_video_status_retrieve_response</c>): a running status, polled like in_progress.
    /// </summary>
    public const string Processing = "processing";

    public static bool IsTerminal(string status) => status is not (Queued or InProgress or Processing);
}