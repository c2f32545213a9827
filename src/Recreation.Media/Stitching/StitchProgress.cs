namespace Recreation.Media.Stitching;

/// <summary>How far a phase of a stitch is, 0..1; each phase starts at 0 and ends at 1.</summary>
public readonly record struct StitchProgress(StitchPhase Phase, double Fraction);