using Recreation.Core.Model;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// What to generate. With <see cref="InputImagePath"/> the request goes as multipart with the image
/// as the <c>input_reference</c> file part (it must already be exactly <see cref="Size"/>); without,
/// as JSON. <see cref="Seconds"/> is sent as a string, as the API wants.
/// </summary>
public sealed record CreateVideoRequest(string Prompt, string Model, int Seconds, FrameSize Size, string? InputImagePath = null);