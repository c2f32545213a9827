namespace Recreation.Media.Stitching;

/// <summary>One clip to stitch: its file, the share to keep from its start (null keeps it all) and the caller's name for it in messages.</summary>
public sealed record StitchClip(string Path, TimeSpan? TrimTo = null, string? Label = null);