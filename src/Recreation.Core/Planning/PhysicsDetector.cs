using Recreation.Core.Model;

namespace Recreation.Core.Planning;

/// <summary>Finds a scene's physics triggers (DESIGN §4 rule 2): explicit kinds, trigger words, and a fast camera with action.</summary>
public static class PhysicsDetector
{
    public static List<TriggerWord> Detect(Scene scene, PlanningSettings planning)
    {
        var found = new List<TriggerWord>();
        foreach (var kind in scene.Physics)
        {
            found.Add(new TriggerWord(kind, kind, "physics"));
        }

        Scan(scene.Description, "description", planning, found);
        for (var i = 0; i < scene.Interactions.Count; i++)
        {
            Scan(scene.Interactions[i], $"interactions[{i}]", planning, found);
        }

        if (scene.Camera.Speed == CameraSpeed.Fast && scene.Interactions.Count > 0 && !scene.Physics.Contains(PhysicsVocabulary.RapidCamera))
        {
            found.Add(new TriggerWord(PhysicsVocabulary.RapidCamera, "fast", "camera.speed"));
        }

        return found;
    }

    /// <summary>The distinct kinds of <paramref name="words"/>, in canonical order.</summary>
    public static string[] Kinds(IEnumerable<TriggerWord> words)
    {
        var kinds = words.Select(w => w.Kind).ToHashSet();
        return PhysicsVocabulary.Kinds.Where(kinds.Contains).ToArray();
    }

    private static void Scan(string text, string source, PlanningSettings planning, List<TriggerWord> found)
    {
        foreach (var word in TextMatching.Words(text))
        {
            foreach (var kind in PhysicsVocabulary.WordKinds)
            {
                if (planning.PhysicsWords.TryGetValue(kind, out var list) && list.Contains(word)
                    && !found.Any(f => f.Kind == kind && f.Word == word))
                {
                    found.Add(new TriggerWord(kind, word, source));
                }
            }
        }
    }
}