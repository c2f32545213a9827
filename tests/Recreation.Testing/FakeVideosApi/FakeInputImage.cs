namespace Recreation.Testing.FakeVideosApi;

/// <summary>The input reference a job was created with: its format and size as read from its header, its length, and how it came (multipart file part or JSON data URL).</summary>
public sealed record FakeInputImage(string Format, int Width, int Height, int Length, string Transport, string? FileName, string? ContentType);