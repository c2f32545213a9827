namespace Recreation.Pipeline.Manual;

/// <summary>A clip of the plan as the matcher sees it; <paramref name="Present"/> when the run already has its file.</summary>
public sealed record ClipSlot(string ClipId, int Seconds, bool Present);