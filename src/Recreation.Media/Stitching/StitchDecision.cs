namespace Recreation.Media.Stitching;

/// <summary>The path a stitch takes and a sentence saying why.</summary>
internal sealed record StitchDecision(StitchPath Path, string Reason);