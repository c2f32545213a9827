using Recreation.Core.Loading;
using Recreation.Core.Model;

namespace Recreation.Core.Planning;

/// <summary>Errors that only show once the scene is planned: prompts over the profile's limit, transitions longer than the clips they overlap.</summary>
public static class PlanChecks
{
    /// <summary>More clips than this in one scene is a mistake (or a crowd counted one by one), not a film.</summary>
    public const int MaximumClipsPerScene = 500;

    /// <summary>The shortest share a clip may have in the video.</summary>
    public const long MinimumShareMs = 100;

    /// <summary>Checked before planning, so an absurd scene is reported instead of planned for minutes.</summary>
    public static void CheckClipCounts(SceneFile file, DiagnosticBag bag)
    {
        for (var s = 0; s < file.Scenes.Count; s++)
        {
            var shape = Planner.Shape(file, file.Scenes[s]);
            if (shape.ClipCount > MaximumClipsPerScene)
            {
                var rules = string.Join("; ", shape.Splits.Where(x => x.ClipsNeeded > MaximumClipsPerScene).Select(x => x.Detail));
                bag.Error($"scenes[{s}]", $"scene {file.Scenes[s].Id} would need {shape.ClipCount} clips ({rules}), more than {MaximumClipsPerScene}; split it into several scenes or relax planning:");
            }
        }
    }

    public static void Check(SceneFile file, RunPlan plan, DiagnosticBag bag)
    {
        for (var s = 0; s < plan.Scenes.Count; s++)
        {
            foreach (var clip in plan.Scenes[s].Clips.Where(c => c.ShareMs < MinimumShareMs))
            {
                bag.Error($"scenes[{s}]", $"clip {clip.Id} would last only {clip.ShareMs} ms in the video; lengthen the scene or give it fewer interactions or people");
            }

            if (file.Profile.RequiresInputImage && plan.Scenes[s].Clips.Where(c => c.InputImage is null && c.InputFromClip is null).Select(c => c.Id).ToList() is { Count: > 0 } bare)
            {
                var scene = file.Scenes[s];
                var fix = (scene.ReferenceImage is null, file.Continuity == ContinuityChain.LastFrame) switch
                {
                    (true, true) => $"give scene {scene.Id} a reference_image (with continuity.chain: last-frame the clips after it start on the previous clip's last frame)",
                    (true, false) => $"give scene {scene.Id} a reference_image and set continuity.chain: last-frame, so the clips after its first start on the previous clip's last frame",
                    _ => "set continuity.chain: last-frame, so the clips after a scene's first start on the previous clip's last frame (or split the scene, each part with its own reference_image)",
                };
                bag.Error($"scenes[{s}]", $"'{file.Profile.Name}' makes video only from an input image, and clip{(bare.Count > 1 ? "s" : "")} {string.Join(", ", bare)} would have none; {fix}");
            }

            foreach (var clip in plan.Scenes[s].Clips.Where(c => c.Prompt.Length > file.Profile.PromptLimit))
            {
                var over = clip.Prompt.Length - file.Profile.PromptLimit;
                bag.Error($"scenes[{s}]", $"clip {clip.Id}'s prompt is {clip.Prompt.Length} characters, {over} over the {file.Profile.PromptLimit}-character limit of '{file.Profile.Name}'; shorten the description, anchors or dialogue");
            }

            if (s == 0)
            {
                continue;
            }

            var transition = file.Scenes[s].Transition ?? file.Output.Transition;
            if (transition.Kind == TransitionKind.Cut)
            {
                continue;
            }

            var before = plan.Scenes[s - 1].Clips[^1];
            var after = plan.Scenes[s].Clips[0];
            var shortest = Math.Min(before.ShareMs, after.ShareMs);
            if (transition.Duration * 1000m >= shortest)
            {
                var path = file.Scenes[s].Transition is null ? "output.transition" : $"scenes[{s}].transition";
                var clip = before.ShareMs <= after.ShareMs ? before : after;
                bag.Error(path, $"the {transition.Duration} s transition into scene {file.Scenes[s].Id} is not shorter than clip {clip.Id} ({clip.Share} s) it overlaps; shorten the transition");
            }
        }
    }
}