using System.Text.RegularExpressions;

using Recreation.Core.Model;

using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Loading;

internal sealed partial class SceneFileReader
{
    private ValueList<Character> ReadCharacters(YamlNode? node)
    {
        var map = _r.MappingAnyKeys(node, "characters");
        var characters = new List<Character>();
        foreach (var (id, keyNode) in map?.Keys ?? [])
        {
            var path = map!.At(id);
            if (!Identifier().IsMatch(id))
            {
                _r.Error(keyNode, path, "character ids use letters, digits, '_' and '-' and start with a letter or digit");
                continue;
            }

            var value = map[id];
            string? description;
            List<string>? anchors = null;
            if (value is YamlScalarNode && !YamlReader.IsNull(value))
            {
                description = _r.String(value, path);
            }
            else
            {
                var character = _r.Mapping(value, path, SceneKeys.Character);
                if (character is null)
                {
                    _r.Error(value ?? keyNode, path, "needs a description, e.g. { description: a barista in her thirties, anchors: [navy apron] }");
                    continue;
                }

                description = _r.String(character.Required("description"), character.At("description"));
                anchors = _r.StringList(character["anchors"], character.At("anchors"));
            }

            if (description is not null)
            {
                characters.Add(new Character(id, description.Trim(), (anchors ?? []).Select(a => a.Trim()).ToArray()));
            }
        }

        return characters;
    }

    private ValueList<Scene> ReadScenes(YamlNode? node, IReadOnlyList<Character> characters)
    {
        var items = _r.Sequence(node, "scenes");
        if (items is { Count: 0 })
        {
            _r.Error(node!, "scenes", "must list at least one scene");
        }

        var scenes = new List<Scene>();
        var seen = new Dictionary<string, (string Path, string Id)>(StringComparer.OrdinalIgnoreCase);
        foreach (var (item, path) in items ?? [])
        {
            var scene = ReadScene(item, path, characters);
            var id = scene?.Id ?? (item as YamlMappingNode)?.Children.FirstOrDefault(c => c.Key.ToString() == "id").Value?.ToString();
            if (id is not null && seen.TryGetValue(id, out var first))
            {
                var same = first.Id == id ? $"'{id}' is already the id of {first.Path}" : $"'{id}' clashes with '{first.Id}' ({first.Path}): ids differing only in case would give the same clip files";
                _r.Diagnostics.Error(YamlReader.Child(path, "id"), $"{same}; scene ids must be unique (clip ids are built from them)");
                continue;
            }

            if (id is not null)
            {
                seen[id] = (path, id);
            }

            if (scene is not null)
            {
                scenes.Add(scene);
            }
        }

        return scenes;
    }

    private Scene? ReadScene(YamlNode node, string path, IReadOnlyList<Character> characters)
    {
        var map = _r.Mapping(node, path, SceneKeys.Scene);
        if (map is null)
        {
            if (YamlReader.IsNull(node))
            {
                _r.Error(node, path, "is empty; a scene needs at least an id, a duration and a description");
            }

            return null;
        }

        var id = _r.String(map.Required("id"), map.At("id"));
        if (id is not null && !Identifier().IsMatch(id))
        {
            _r.Error(map["id"]!, map.At("id"), $"'{id}' cannot be a scene id: use letters, digits, '_' and '-', starting with a letter or digit (clip ids and file names are built from it)");
            id = null;
        }

        var duration = _r.Number(map.Required("duration"), map.At("duration"));
        if (duration is <= 0)
        {
            _r.Error(map["duration"]!, map.At("duration"), "must be > 0");
            duration = null;
        }
        else if (duration is < MinimumSeconds)
        {
            _r.Error(map["duration"]!, map.At("duration"), $"must be at least {MinimumSeconds} seconds");
            duration = null;
        }
        else if (duration is > 3600)
        {
            _r.Error(map["duration"]!, map.At("duration"), "must be at most 3600 seconds; split a longer scene into several");
            duration = null;
        }

        var description = _r.String(map.Required("description"), map.At("description"));
        var cast = ReadCast(map, characters);
        var peopleNode = map["people"];
        var people = _r.Integer(peopleNode, map.At("people")) ?? cast.Count;
        if (people < 0)
        {
            _r.Error(peopleNode!, map.At("people"), "must be >= 0");
        }
        else if (people > MaximumPeople)
        {
            _r.Error(peopleNode!, map.At("people"), $"must be at most {MaximumPeople}; for a crowd, count the people the camera can tell apart");
        }
        else if (people < cast.Count)
        {
            _r.Error(peopleNode!, map.At("people"), $"is {people} but the scene lists {cast.Count} characters; count everyone visible");
        }

        var interactions = _r.StringList(map["interactions"], map.At("interactions")) ?? [];
        var physics = ReadPhysics(map);
        var camera = ReadCamera(map);
        var lighting = _r.String(map["lighting"], map.At("lighting"));
        var dialogue = ReadDialogue(map, characters);
        var imageText = _r.String(map["reference_image"], map.At("reference_image"));
        var image = imageText is null ? null : ResolvePath(map["reference_image"], map.At("reference_image"), imageText, mustExist: true, ImageExtensions);
        var transition = ReadTransition(map["transition"], map.At("transition"));
        var referenceShot = ReadReferenceShot(map["reference_shot"], map.At("reference_shot"));
        if (id is null || duration is null || description is null)
        {
            return null;
        }

        return new Scene(id, RoundToMilliseconds(duration.Value), description.Trim(), cast, people, interactions.Select(i => i.Trim()).ToArray(), physics, camera, lighting, dialogue, image, transition) { ReferenceShot = referenceShot };
    }

    private List<string> ReadCast(MappingView map, IReadOnlyList<Character> characters)
    {
        var cast = new List<string>();
        foreach (var (item, itemPath) in _r.Sequence(map["characters"], map.At("characters")) ?? [])
        {
            var name = _r.String(item, itemPath);
            if (name is null)
            {
                continue;
            }

            if (characters.All(c => c.Id != name))
            {
                var known = characters.Count == 0 ? "; define it under characters: at the top of the file" : HintOrKnown(name, characters.Select(c => c.Id));
                _r.Error(item, itemPath, $"unknown character '{name}'{known}");
            }
            else if (cast.Contains(name))
            {
                _r.Error(item, itemPath, $"'{name}' is listed twice");
            }
            else
            {
                cast.Add(name);
            }
        }

        return cast;
    }

    private List<string> ReadPhysics(MappingView map)
    {
        var kinds = PhysicsVocabulary.Kinds.ToDictionary(k => k, k => k);
        var physics = new List<string>();
        foreach (var (item, itemPath) in _r.Sequence(map["physics"], map.At("physics")) ?? [])
        {
            var text = _r.String(item, itemPath);
            if (text is null)
            {
                continue;
            }

            var kind = PhysicsVocabulary.Kinds.FirstOrDefault(k => k == text.Trim().ToLowerInvariant().Replace('-', '_'));
            if (kind is null)
            {
                _r.Error(item, itemPath, $"must be one of {string.Join(" | ", PhysicsVocabulary.Kinds)}, not '{text}'{Suggestions.Hint(text, kinds.Keys)}");
            }
            else if (!physics.Contains(kind))
            {
                physics.Add(kind);
            }
        }

        return physics;
    }

    private CameraSettings ReadCamera(MappingView map)
    {
        var camera = _r.Mapping(map["camera"], map.At("camera"), SceneKeys.Camera);
        if (camera is null)
        {
            return CameraSettings.None;
        }

        return new CameraSettings(
            _r.String(camera["movement"], camera.At("movement")),
            _r.Choice(camera["speed"], camera.At("speed"), SceneKeys.Speeds),
            _r.String(camera["framing"], camera.At("framing")));
    }

    private List<DialogueLine> ReadDialogue(MappingView map, IReadOnlyList<Character> characters)
    {
        var lines = new List<DialogueLine>();
        foreach (var (item, itemPath) in _r.Sequence(map["dialogue"], map.At("dialogue")) ?? [])
        {
            var line = _r.MappingAnyKeys(item, itemPath);
            if (line is null || line.Keys.Count != 1)
            {
                _r.Error(item, itemPath, "each dialogue line is one speaker and the words: { mara: \"Another day.\" }");
                continue;
            }

            var (speaker, keyNode) = line.Keys[0];
            var text = _r.String(line[speaker], line.At(speaker));
            if (characters.All(c => c.Id != speaker))
            {
                var known = characters.Count == 0 ? "; define the speaker under characters: at the top of the file" : HintOrKnown(speaker, characters.Select(c => c.Id));
                _r.Error(keyNode, line.At(speaker), $"unknown speaker '{speaker}' (speakers are character ids){known}");
            }
            else if (string.IsNullOrWhiteSpace(text))
            {
                _r.Error(line[speaker] ?? keyNode, line.At(speaker), "the line is empty");
            }
            else
            {
                lines.Add(new DialogueLine(speaker, text.Trim()));
            }
        }

        return lines;
    }

    /// <summary>The shortest scene or clip limit: below a tenth of a second there is nothing to generate.</summary>
    private const decimal MinimumSeconds = 0.1m;

    private const int MaximumPeople = 100;

    private static decimal RoundToMilliseconds(decimal seconds) => Math.Round(seconds, 3, MidpointRounding.AwayFromZero);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex Identifier();
}