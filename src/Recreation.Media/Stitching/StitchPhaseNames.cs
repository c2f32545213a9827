namespace Recreation.Media.Stitching;

/// <summary>The words for a stitch phase in progress output: "measuring loudness", not "measuringloudness".</summary>
public static class StitchPhaseNames
{
    public static string Label(this StitchPhase phase) => phase switch
    {
        StitchPhase.Probing => "probing",
        StitchPhase.Conforming => "conforming",
        StitchPhase.Joining => "joining",
        StitchPhase.MeasuringLoudness => "measuring loudness",
        StitchPhase.Encoding => "encoding",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "not a stitch phase"),
    };
}