namespace Recreation.Media.Frames;

/// <summary>What a report shows of one clip: its first, middle and last thumbnails (null for one ffmpeg could not write) and its dominant colours.</summary>
public sealed record ClipLook(string Path, IReadOnlyList<byte[]?> Thumbnails, IReadOnlyList<PaletteColor> Palette);