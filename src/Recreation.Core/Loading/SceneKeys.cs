using Recreation.Core.Model;

namespace Recreation.Core.Loading;

/// <summary>The keys and names a version 1 scene file may use (DESIGN §3).</summary>
internal static class SceneKeys
{
    public static readonly string[] Root = ["version", "title", "target", "profiles", "output", "planning", "lint", "continuity", "style", "palette", "lighting", "characters", "scenes", "reference"];
    public static readonly string[] Target = ["backend", "model", "size", "max_cost_usd", "concurrency", "connection", "base_url", "api_key_env"];
    public static readonly string[] Output = ["path", "size", "fit", "fps", "loudness", "transition", "captions", "music", "fade", "trim_head"];
    public static readonly string[] Fade = ["in", "out"];
    public static readonly string[] Music = ["path", "volume", "duck"];
    public static readonly string[] Transition = ["type", "duration"];
    public static readonly string[] Planning = ["max_clip_seconds", "max_interactions_per_clip", "max_people_per_clip", "physics_max_clip_seconds", "physics_words"];
    public static readonly string[] Lint = ["deny"];
    public static readonly string[] Continuity = ["chain"];
    public static readonly string[] Character = ["description", "anchors"];
    public static readonly string[] Scene = ["id", "duration", "description", "characters", "people", "interactions", "physics", "camera", "lighting", "dialogue", "reference_image", "transition", "reference_shot"];
    public static readonly string[] Reference = ["video"];
    public static readonly string[] ReferenceShot = ["start", "end", "keyframe", "keyframe_at"];
    public static readonly string[] Camera = ["movement", "speed", "framing"];

    public static readonly Dictionary<string, Fit> Fits = new()
    {
        ["cover"] = Fit.Cover,
        ["contain"] = Fit.Contain,
        ["blur"] = Fit.Blur,
    };

    public static readonly Dictionary<string, TransitionKind> Transitions = new()
    {
        ["cut"] = TransitionKind.Cut,
        ["crossfade"] = TransitionKind.Crossfade,
        ["fade-black"] = TransitionKind.FadeBlack,
    };

    public static readonly Dictionary<string, Captions> CaptionModes = new()
    {
        ["srt"] = Captions.Srt,
        ["burn"] = Captions.Burn,
        ["none"] = Captions.None,
    };

    public static readonly Dictionary<string, ContinuityChain> Chains = new()
    {
        ["none"] = ContinuityChain.None,
        ["last-frame"] = ContinuityChain.LastFrame,
    };

    public static readonly Dictionary<string, CameraSpeed> Speeds = new()
    {
        ["slow"] = CameraSpeed.Slow,
        ["medium"] = CameraSpeed.Medium,
        ["fast"] = CameraSpeed.Fast,
    };
}