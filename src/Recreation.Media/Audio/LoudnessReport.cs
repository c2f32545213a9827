namespace Recreation.Media.Audio;

/// <summary>
/// What loudness normalisation did. <see cref="NormalizationType"/> is loudnorm's own word from
/// the second pass: "linear" (one gain, the intent) or "dynamic" (it fell back to compressing,
/// e.g. because the true-peak limit would otherwise be crossed), or "skipped" for silence.
/// </summary>
public sealed record LoudnessReport(double TargetLufs, LoudnessMeasurement Input, string NormalizationType, double? OutputIntegratedLufs);