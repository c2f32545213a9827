using Recreation.Core.Model;

namespace Recreation.Core.Planning;

/// <summary>How one scene is cut into clips, and why.</summary>
/// <param name="Triggers">The physics kinds present, in canonical order (fluid, collision, ball_sport, rapid_camera).</param>
/// <param name="MaxClipMs">The longest useful clip for this scene after the physics cap.</param>
public sealed record ScenePlan(
    string Id,
    decimal Duration,
    long MaxClipMs,
    ValueList<string> Triggers,
    ValueList<TriggerWord> TriggerWords,
    ValueList<SplitReason> Splits,
    ValueList<ClipPlan> Clips);