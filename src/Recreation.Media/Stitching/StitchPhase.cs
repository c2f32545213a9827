namespace Recreation.Media.Stitching;

public enum StitchPhase
{
    Probing,
    Conforming,
    Joining,
    MeasuringLoudness,
    Encoding,
}