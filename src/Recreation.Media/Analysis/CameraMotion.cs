namespace Recreation.Media.Analysis;

/// <summary>The camera's movement over a shot, from the global-motion measure.</summary>
public enum CameraMotion
{
    Static,
    Pan,
    Tilt,
    Zoom,
    Handheld,
}