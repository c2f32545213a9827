using Recreation.Core.Loading;
using Recreation.Core.Model;

namespace Recreation.Core.Planning;

/// <summary>Errors that only show once the scene is planned: prompts over the profile's limit, transitions longer than the clips they overlap.</summary>
public static class PlanChecks
{
    public static void Check(SceneFile file, RunPlan plan, DiagnosticBag bag)
    {
        for (var s = 0; s < plan.Scenes.Count; s++)
        {
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
