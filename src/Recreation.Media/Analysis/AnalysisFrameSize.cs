namespace Recreation.Media.Analysis;

/// <summary>
/// The size every frame is decoded to for analysis, whatever the video's own: 128x72 RGB. Shot
/// boundaries, palettes and global motion need no more, and a fixed size keeps the work per frame
/// constant (the picture is squeezed, not cropped, so nothing at the edges is lost).
/// </summary>
internal static class AnalysisFrameSize
{
    public const int Width = 128, Height = 72;
    public const int Bytes = Width * Height * 3;
}