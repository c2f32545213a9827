using Recreation.Core.Model;

namespace Recreation.Core.Planning;

/// <summary>
/// Where each clip begins in the finished video. The plan lays scenes end to end; a crossfade or
/// fade-black of T seconds into a scene makes that scene (and everything after it) start T
/// earlier, because the two clips overlap for T.
/// </summary>
public static class Timeline
{
    public static IReadOnlyDictionary<string, long> OutputStartsMs(SceneFile file, RunPlan plan)
    {
        var starts = new Dictionary<string, long>(StringComparer.Ordinal);
        var overlapMs = 0L;
        for (var s = 0; s < plan.Scenes.Count; s++)
        {
            if (s > 0 && (file.Scenes[s].Transition ?? file.Output.Transition) is { Kind: not TransitionKind.Cut } transition)
            {
                overlapMs += (long)Math.Round(transition.Duration * 1000m, MidpointRounding.AwayFromZero);
            }

            foreach (var clip in plan.Scenes[s].Clips)
            {
                starts[clip.Id] = clip.StartMs - overlapMs;
            }
        }

        return starts;
    }
}