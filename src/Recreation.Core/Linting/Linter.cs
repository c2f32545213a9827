using Recreation.Core.Loading;
using Recreation.Core.Model;
using Recreation.Core.Planning;

namespace Recreation.Core.Linting;

/// <summary>
/// Warnings before anything is spent (issue: "lint before spend"). They never stop a run; they
/// point at what tends to waste a paid generation.
/// </summary>
public static class Linter
{
    private static readonly string[] CostumeWords = ["change", "changes", "changing", "outfit"];

    public static void Lint(SceneFile file, RunPlan plan, DiagnosticBag bag)
    {
        for (var s = 0; s < file.Scenes.Count; s++)
        {
            var scene = file.Scenes[s];
            var path = $"scenes[{s}]";
            foreach (var clip in plan.Scenes[s].Clips)
            {
                var named = CharacterNaming.Named(file.Characters, clip.Interactions, clip.Dialogue);
                if (named.Length > 1)
                {
                    bag.Warning(path, $"clip {clip.Id} names {named.Length} characters ({string.Join(", ", named)}): identity drift risk; faces hold best with one named character per clip");
                }
            }

            if (DraftText.IsUnwritten(scene.Description))
            {
                bag.Warning($"{path}.description", $"scene {scene.Id}: description not written yet (it starts with '{DraftText.Marker}'); say what the shot shows before a paid run, which refuses it");
            }

            if (scene.Duration > 8 && SceneTexts(scene).Any(t => TextMatching.Words(t.Text).Any(CostumeWords.Contains)))
            {
                bag.Warning($"{path}.description", $"scene {scene.Id} lasts {scene.Duration} s and mentions a costume change: wardrobe drifts across clips; give each look its own scene");
            }

            if (scene.ReferenceImage is not null && !file.Profile.AcceptsInputImage)
            {
                bag.Warning($"{path}.reference_image", $"profile '{file.Profile.Name}' does not accept input images; the reference image will not be sent");
            }

            foreach (var (text, where) in SceneTexts(scene))
            {
                CheckText(file, text, $"{path}.{where}", bag);
            }
        }

        foreach (var character in file.Characters)
        {
            CheckText(file, string.Join(" ", [character.Description, .. character.Anchors]), $"characters.{character.Id}", bag);
        }

        if (file.Continuity == ContinuityChain.LastFrame && !file.Profile.AcceptsInputImage)
        {
            bag.Warning("continuity.chain", $"profile '{file.Profile.Name}' does not accept input images, so last-frame chaining cannot be used");
        }

        if (file.Scenes.Count > 0 && file.Scenes[0].Transition is { Kind: not TransitionKind.Cut })
        {
            bag.Warning("scenes[0].transition", "the first scene has nothing before it to transition from; its transition is ignored");
        }
    }

    private static void CheckText(SceneFile file, string text, string path, DiagnosticBag bag)
    {
        if (text.Contains("cameo:", StringComparison.OrdinalIgnoreCase))
        {
            bag.Warning(path, "'cameo:' mentions no longer work (the Sora apps' cameo feature is gone); describe the person in words instead");
        }

        foreach (var word in file.Lint.Deny)
        {
            if (TextMatching.ContainsWord(text, word.Trim()))
            {
                bag.Warning(path, $"mentions '{word.Trim()}', listed in lint.deny (real people and trademarks are often refused or blocked); rephrase before paying for it");
            }
        }
    }

    private static IEnumerable<(string Text, string Where)> SceneTexts(Scene scene)
    {
        yield return (scene.Description, "description");
        for (var i = 0; i < scene.Interactions.Count; i++)
        {
            yield return (scene.Interactions[i], $"interactions[{i}]");
        }

        for (var i = 0; i < scene.Dialogue.Count; i++)
        {
            yield return (scene.Dialogue[i].Text, $"dialogue[{i}]");
        }
    }
}