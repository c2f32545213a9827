namespace Recreation.Media.Probing;

/// <summary>One chapter of a media file (a finished video has one per scene, named by its id).</summary>
public sealed record Chapter(string Title, TimeSpan Start, TimeSpan End);