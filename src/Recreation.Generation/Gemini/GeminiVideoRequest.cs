using Recreation.Core.Model;

namespace Recreation.Generation.Gemini;

/// <summary>One Veo generation: the model id as the Gemini API names it, the prompt, the clip's size and length, and optional first and last frames (PNG or JPEG files).</summary>
public sealed record GeminiVideoRequest(
    string Model,
    string Prompt,
    FrameSize Size,
    int Seconds,
    string? FirstFramePath = null,
    string? LastFramePath = null);