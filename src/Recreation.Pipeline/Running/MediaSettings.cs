using Recreation.Core.Model;
using Recreation.Media;
using Recreation.Media.Conforming;

using MediaTransition = Recreation.Media.Stitching.Transition;

namespace Recreation.Pipeline.Running;

/// <summary>The scene file's output words in the media layer's terms (the media layer knows nothing of scenes).</summary>
public static class MediaSettings
{
    public static FitMode Fit(Fit fit) => fit switch
    {
        Core.Model.Fit.Contain => FitMode.Contain,
        Core.Model.Fit.Blur => FitMode.Blur,
        _ => FitMode.Cover,
    };

    public static MediaTransition Transition(TransitionSpec spec)
    {
        var duration = TimeSpan.FromSeconds((double)spec.Duration);
        return spec.Kind switch
        {
            TransitionKind.Crossfade => MediaTransition.Crossfade(duration),
            TransitionKind.FadeBlack => MediaTransition.FadeBlack(duration),
            _ => MediaTransition.Cut,
        };
    }

    /// <summary>output.trim_head as the conformer's head trim.</summary>
    public static HeadTrim? TrimHead(TrimHeadSetting? setting) => setting switch
    {
        null => null,
        { Seconds: { } seconds } => HeadTrim.Seconds(TimeSpan.FromSeconds((double)seconds)),
        _ => HeadTrim.Auto,
    };

    /// <summary>output.music as the output step's music bed, fading with the picture.</summary>
    public static Media.Stitching.MusicBed? Music(OutputSettings output) => output.Music is { } music
        ? new Media.Stitching.MusicBed(music.Path, (double)music.Volume, music.Duck) { FadeIn = FadeIn(output), FadeOut = FadeOut(output) }
        : null;

    public static TimeSpan FadeIn(OutputSettings output) => TimeSpan.FromSeconds((double)(output.Fade?.In ?? 0));

    public static TimeSpan FadeOut(OutputSettings output) => TimeSpan.FromSeconds((double)(output.Fade?.Out ?? 0));
}