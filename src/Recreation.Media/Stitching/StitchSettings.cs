using Recreation.Media.Audio;
using Recreation.Media.Conforming;

namespace Recreation.Media.Stitching;

/// <summary>The finished video's shape. <see cref="LoudnessLufs"/> (e.g. -14) turns on two-pass EBU R128 normalisation.</summary>
public sealed record StitchSettings(int Width, int Height, FitMode Fit, Rational Fps, double? LoudnessLufs = null)
{
    /// <summary>The conform spec of a clip under these settings.</summary>
    public ConformSpec ConformSpec(TimeSpan? trimTo = null) => new(Width, Height, Fit, Fps, trimTo);

    /// <summary>Throws <see cref="MediaException"/> when the size, rate or loudness target is unusable.</summary>
    public void Validate()
    {
        ConformSpec().Validate();
        if (LoudnessLufs is { } target)
        {
            LoudnessMeter.ValidateTarget(target);
        }
    }
}