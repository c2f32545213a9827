namespace Recreation.Pipeline.Manual;

/// <summary>A video file offered for import. <paramref name="Name"/> is what the user sees (for files from a zip, <c>export.zip:dir/a.mp4</c>).</summary>
public sealed record CandidateFile(string Path, string Name, DateTime Modified, TimeSpan? Duration);