namespace Recreation.Media;

/// <summary>The two executables the media layer runs.</summary>
public enum MediaTool
{
    FFmpeg,
    FFprobe,
}