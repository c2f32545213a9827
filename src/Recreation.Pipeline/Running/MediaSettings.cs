using Recreation.Core.Model;
using Recreation.Media;

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
}