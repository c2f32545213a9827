using Recreation.Core.Model;
using Recreation.Core.Prompts;

namespace Recreation.Core.Planning;

/// <summary>
/// Turns a validated scene file into clips (DESIGN §4). Pure and deterministic: the same file
/// gives the same plan, byte for byte. Warnings are added by the linter, not here.
/// </summary>
public static class Planner
{
    public static RunPlan Plan(SceneFile file)
    {
        var scenes = new List<ScenePlan>();
        var startMs = 0L;
        foreach (var scene in file.Scenes)
        {
            var plan = PlanScene(file, scene, startMs);
            scenes.Add(plan);
            startMs += plan.Clips.Sum(c => c.ShareMs);
        }

        var seconds = scenes.Sum(s => s.Clips.Sum(c => c.Seconds));
        var price = file.Profile.FindSize(file.Target.Size)?.UsdPerSecond ?? 0m;
        return new RunPlan(file.Title, file.Target.Backend, file.Target.Model, file.Target.Size, seconds, seconds * price, ValueList<Diagnostics.Diagnostic>.Empty, scenes);
    }

    /// <summary>Rules 1–3 for one scene: the physics triggers, the longest useful clip and how many clips it takes.</summary>
    public static SceneShape Shape(SceneFile file, Scene scene)
    {
        var planning = file.Planning;
        var triggers = PhysicsDetector.Detect(scene, planning);
        var kinds = PhysicsDetector.Kinds(triggers);

        // Rule 1: the longest useful clip.
        var maxClipMs = ToMs(Math.Min(planning.MaxClipSeconds, file.Profile.Seconds.Max()));
        if (kinds.Length > 0)
        {
            maxClipMs = Math.Min(maxClipMs, ToMs(planning.PhysicsMaxClipSeconds));
        }

        // Rule 3: how many clips.
        var splits = Splits(scene, planning, ToMs(scene.Duration), maxClipMs, kinds);
        var count = Math.Max(1, splits.Count == 0 ? 1 : splits.Max(s => s.ClipsNeeded));
        return new SceneShape(triggers, kinds, maxClipMs, splits, count);
    }

    public static ScenePlan PlanScene(SceneFile file, Scene scene, long sceneStartMs)
    {
        var (triggers, kinds, maxClipMs, splits, count) = Shape(file, scene);
        var durationMs = ToMs(scene.Duration);

        // Rules 4–6: lengths, shares, interactions, dialogue, people, characters.
        var lengths = LengthChooser.Choose(file.Profile.Seconds, maxClipMs, durationMs, count);
        var shares = Shares(lengths, maxClipMs, durationMs);
        var interactions = Dealer.Deal(scene.Interactions, count);
        var dialogue = Dealer.Deal(scene.Dialogue, count);
        var people = Dealer.Sizes(scene.People, count);
        var cast = file.Characters.Where(c => scene.Characters.Contains(c.Id)).ToList();

        var clips = new List<ClipPlan>(count);
        var startMs = sceneStartMs;
        for (var i = 0; i < count; i++)
        {
            var named = CharacterNaming.Named(file.Characters, interactions[i], dialogue[i]);
            var characters = named.Length > 0 ? named : cast.Select(c => c.Id).ToArray();
            var id = $"{scene.Id}-{i + 1}";
            var chained = file.Continuity == ContinuityChain.LastFrame && i > 0;
            var clip = new ClipPlan(
                id, scene.Id, i + 1, count, lengths[i], shares[i], startMs,
                interactions[i], dialogue[i], characters, Math.Max(people[i], characters.Length),
                Prompt: "",
                InputImage: i == 0 ? scene.ReferenceImage : null,
                InputFromClip: chained ? $"{scene.Id}-{i}" : null);
            clips.Add(clip with { Prompt = PromptComposer.Compose(file, scene, clip) });
            startMs += shares[i];
        }

        return new ScenePlan(scene.Id, scene.Duration, maxClipMs, kinds, triggers, splits, clips);
    }

    private static List<SplitReason> Splits(Scene scene, PlanningSettings planning, long durationMs, long maxClipMs, string[] kinds)
    {
        var splits = new List<SplitReason>();
        var byLength = (int)CeilDiv(durationMs, maxClipMs);
        if (byLength > 1)
        {
            var cap = kinds.Length > 0 && maxClipMs == ToMs(planning.PhysicsMaxClipSeconds)
                ? $" (physics cap: {string.Join(", ", kinds)})"
                : "";
            splits.Add(new SplitReason("max_clip_seconds", byLength, $"{Seconds(durationMs)} s at most {Seconds(maxClipMs)} s per clip{cap} needs {byLength} clips"));
        }

        var byInteractions = (int)CeilDiv(scene.Interactions.Count, planning.MaxInteractionsPerClip);
        if (byInteractions > 1)
        {
            splits.Add(new SplitReason("max_interactions_per_clip", byInteractions, $"{scene.Interactions.Count} interactions at most {planning.MaxInteractionsPerClip} per clip needs {byInteractions} clips"));
        }

        var byPeople = (int)CeilDiv(scene.People, planning.MaxPeoplePerClip);
        if (byPeople > 1)
        {
            splits.Add(new SplitReason("max_people_per_clip", byPeople, $"{scene.People} people at most {planning.MaxPeoplePerClip} per clip needs {byPeople} clips"));
        }

        return splits;
    }

    /// <summary>Rule 5: the scene's duration in proportion to each clip's usable length, in ms; the last clip takes the remainder.</summary>
    private static long[] Shares(int[] lengths, long maxClipMs, long durationMs)
    {
        var usable = lengths.Select(g => Math.Min(g * 1000L, maxClipMs)).ToArray();
        var total = usable.Sum();
        var shares = new long[lengths.Length];
        var assigned = 0L;
        for (var i = 0; i < lengths.Length - 1; i++)
        {
            shares[i] = (long)Math.Round((decimal)durationMs * usable[i] / total, MidpointRounding.AwayFromZero);
            assigned += shares[i];
        }

        shares[^1] = durationMs - assigned;
        return shares;
    }

    private static long CeilDiv(long a, long b) => (a + b - 1) / b;

    private static long ToMs(decimal seconds) => (long)Math.Round(seconds * 1000m, MidpointRounding.AwayFromZero);

    private static string Seconds(long ms) => (ms / 1000m).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}