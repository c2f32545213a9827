using System.Text;

using Recreation.Core.Model;
using Recreation.Core.Planning;

namespace Recreation.Core.Prompts;

/// <summary>
/// Builds a clip's prompt from the same blocks in a fixed order (DESIGN §5): style; scene
/// description; characters with their description and every identity anchor, verbatim; camera and
/// lighting; this clip's actions; this clip's dialogue; the palette; a continuity line when the
/// scene is split. Identical wording in every shot is what keeps faces and colours stable.
/// </summary>
public static class PromptComposer
{
    public static string Compose(SceneFile file, Scene scene, ClipPlan clip)
    {
        var prompt = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(file.Style))
        {
            prompt.Append("Style: ").Append(Sentence(file.Style)).Append('\n');
        }

        prompt.Append(Sentence(scene.Description)).Append('\n');

        var characters = clip.Characters.Select(file.FindCharacter).OfType<Character>().ToList();
        if (characters.Count > 0)
        {
            prompt.Append("Characters:\n");
            foreach (var character in characters)
            {
                prompt.Append("- ").Append(character.Id).Append(": ").Append(Sentence(character.Description));
                if (character.Anchors.Count > 0)
                {
                    prompt.Append(" Always: ").Append(string.Join("; ", character.Anchors)).Append('.');
                }

                prompt.Append('\n');
            }
        }

        var camera = Camera(scene.Camera);
        if (camera.Length > 0)
        {
            prompt.Append("Camera: ").Append(camera).Append(".\n");
        }

        var lighting = scene.Lighting ?? file.Lighting;
        if (!string.IsNullOrWhiteSpace(lighting))
        {
            prompt.Append("Lighting: ").Append(Sentence(lighting)).Append('\n');
        }

        if (clip.Interactions.Count > 0)
        {
            prompt.Append("Action:\n");
            for (var i = 0; i < clip.Interactions.Count; i++)
            {
                prompt.Append(i + 1).Append(". ").Append(Sentence(clip.Interactions[i])).Append('\n');
            }
        }

        if (clip.Dialogue.Count > 0)
        {
            prompt.Append("Dialogue:\n");
            foreach (var line in clip.Dialogue)
            {
                prompt.Append("- ").Append(line.Speaker).Append(": \"").Append(line.Text).Append("\"\n");
            }
        }

        if (file.Palette.Count > 0)
        {
            prompt.Append("Palette: ").Append(string.Join(", ", file.Palette)).Append(" (keep these colours in every shot).\n");
        }

        if (clip.Shots > 1)
        {
            prompt.Append("Continuity: shot ").Append(clip.Shot).Append(" of ").Append(clip.Shots).Append(" of scene ").Append(scene.Id);
            prompt.Append(clip.Shot > 1 ? "; continues directly from the previous shot.\n" : ".\n");
        }

        return prompt.ToString().TrimEnd('\n');
    }

    private static string Camera(CameraSettings camera)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(camera.Framing))
        {
            parts.Add($"{camera.Framing.Trim()} framing");
        }

        if (!string.IsNullOrWhiteSpace(camera.Movement))
        {
            parts.Add(camera.Movement.Trim());
        }

        if (camera.Speed is { } speed)
        {
            parts.Add($"{speed.ToString().ToLowerInvariant()} movement");
        }

        return string.Join(", ", parts);
    }

    /// <summary>Trims and ends the text with a full stop unless it already ends a sentence.</summary>
    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || ".!?\"'".Contains(trimmed[^1]) ? trimmed : trimmed + ".";
    }
}