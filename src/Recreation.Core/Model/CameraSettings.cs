namespace Recreation.Core.Model;

public sealed record CameraSettings(string? Movement, CameraSpeed? Speed, string? Framing)
{
    public static CameraSettings None { get; } = new(null, null, null);
}