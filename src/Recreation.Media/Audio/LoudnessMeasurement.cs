namespace Recreation.Media.Audio;

/// <summary>EBU R128 figures of a soundtrack, as loudnorm measures them. Silence reads as negative infinity.</summary>
public sealed record LoudnessMeasurement(double IntegratedLufs, double TruePeakDbtp, double LoudnessRangeLu, double ThresholdLufs, double TargetOffsetLu)
{
    /// <summary>Nothing loud enough to gate (R128's absolute gate is -70 LUFS): there is nothing to normalise.</summary>
    public bool IsSilent => !double.IsFinite(IntegratedLufs) || IntegratedLufs <= -70;
}