using Recreation.Core.Model;

namespace Recreation.Generation.Runway;

/// <summary>One Runway generation: the model id as Runway names it, the prompt, the clip's size (sent as the ratio <c>W:H</c>) and length, and optional first and last frames.</summary>
public sealed record RunwayVideoRequest(
    string Model,
    string Prompt,
    FrameSize Size,
    int Seconds,
    string? FirstFramePath = null,
    string? LastFramePath = null);