using Recreation.Media.Audio;
using Recreation.Media.Conforming;

namespace Recreation.Media.Stitching;

/// <summary>The finished video's shape. <see cref="LoudnessLufs"/> (e.g. -14) turns on two-pass EBU R128 normalisation.</summary>
public sealed record StitchSettings(int Width, int Height, FitMode Fit, Rational Fps, double? LoudnessLufs = null)
{
    /// <summary>Cut from the start of every clip: a fixed length, or a detected black/frozen opening.</summary>
    public HeadTrim? TrimHead { get; init; }

    /// <summary>Fade from black at the very start of the video (applied to the first clip).</summary>
    public TimeSpan FadeIn { get; init; }

    /// <summary>Fade to black at the very end of the video (applied to the last clip).</summary>
    public TimeSpan FadeOut { get; init; }

    /// <summary>What the finished file gets on top of the joined clips: a music bed, burned-in captions, chapters.</summary>
    public Finishing Finishing { get; init; } = Finishing.None;

    /// <summary>The conform spec of a clip under these settings (fades only on the first and last of <paramref name="count"/> clips).</summary>
    public ConformSpec ConformSpec(TimeSpan? trimTo = null, int index = 0, int count = 0) => new(Width, Height, Fit, Fps, trimTo)
    {
        TrimHead = TrimHead,
        FadeIn = count > 0 && index == 0 ? FadeIn : TimeSpan.Zero,
        FadeOut = count > 0 && index == count - 1 ? FadeOut : TimeSpan.Zero,
    };

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