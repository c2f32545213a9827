namespace Recreation.Generation.Gemini;

/// <summary>The Veo request parameters a clip's size and length map to.</summary>
/// <param name="AspectRatio"><c>16:9</c> or <c>9:16</c>.</param>
/// <param name="Resolution"><c>720p</c>, <c>1080p</c> or <c>4k</c>.</param>
public sealed record VeoParameters(string AspectRatio, string Resolution, int DurationSeconds);