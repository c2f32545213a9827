using Recreation.Core.Model;
using Recreation.Generation.Describing;

namespace Recreation.Pipeline.Analysis;

/// <summary>The characters of a described draft: one per name (by its slug, the character id), the first description and anchors given for it kept.</summary>
internal static class DraftCast
{
    public static string Id(string name) => Slug.From(name);

    public static IReadOnlyList<(string Id, ShotCharacter Character)> From(IEnumerable<ShotDescription> descriptions)
    {
        var cast = new List<(string Id, ShotCharacter Character)>();
        foreach (var character in descriptions.SelectMany(d => d.Characters))
        {
            var id = Id(character.Name);
            if (cast.All(c => c.Id != id))
            {
                cast.Add((id, character));
            }
        }

        return cast;
    }
}