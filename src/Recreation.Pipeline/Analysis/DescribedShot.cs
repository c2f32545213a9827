using System.Globalization;

using Recreation.Core.Model;
using Recreation.Generation.Describing;

namespace Recreation.Pipeline.Analysis;

/// <summary>
/// The lines of a described shot's scene in a draft. The counts are written as the model gave them,
/// so the planner's split rules apply (more than 3 interactions or 5 people is more than one clip),
/// except where the shot is too short for the clips they would ask for: each clip must outlast the
/// transitions that overlap it (and last at least <see cref="MinClipSeconds"/>), or the draft would
/// not validate. Then interactions are joined in order ("A, then B") and the people count is capped,
/// each with a comment saying what the model said.
/// </summary>
internal static class DescribedShot
{
    /// <summary>The shortest clip a split of a described shot may make.</summary>
    public const double MinClipSeconds = 0.5;

    /// <param name="seconds">How long the scene lasts.</param>
    /// <param name="longestTransition">The longer of its transitions in and out, in seconds.</param>
    /// <param name="frame">One frame, in seconds (the margin a clip needs over a transition).</param>
    public static IEnumerable<string> Lines(ShotDescription described, double seconds, double longestTransition, double frame, string camera, Func<string, string> quote)
    {
        var rules = PlanningSettings.Default;
        var clips = Math.Max(1, (int)Math.Floor((seconds + 1e-9) / Math.Max(MinClipSeconds, longestTransition + (2 * frame))));
        var ids = described.Characters.Select(c => DraftCast.Id(c.Name)).Distinct().ToList();
        yield return $"    description: {quote(described.Description)}";
        if (ids.Count > 0)
        {
            yield return $"    characters: [{string.Join(", ", ids)}]";
        }

        var people = Math.Max(described.People, ids.Count);
        var cap = Math.Max(ids.Count, clips * rules.MaxPeoplePerClip);
        if (people > cap)
        {
            yield return Invariant($"    # the model counted {people} people; capped to {cap} so that this {seconds:0.###} s shot is not split into clips shorter than its transitions");
            people = cap;
        }

        yield return Invariant($"    people: {people}");
        var interactions = described.Interactions.ToList();
        var most = clips * rules.MaxInteractionsPerClip;
        if (interactions.Count > most)
        {
            yield return Invariant($"    # the model listed {interactions.Count} interactions; joined into {most} so that this {seconds:0.###} s shot is not split into clips shorter than its transitions");
            interactions = Join(interactions, most);
        }

        yield return $"    interactions: [{string.Join(", ", interactions.Select(quote))}]";
        var framing = described.Framing.Length > 0 ? $", framing: {quote(described.Framing)}" : "";
        yield return $"    camera: {{ movement: {camera}{framing} }}";
        if (described.Lighting.Length > 0)
        {
            yield return $"    lighting: {quote(described.Lighting)}";
        }
    }

    /// <summary><paramref name="items"/> joined in order into <paramref name="groups"/> groups, earlier groups taking the extra ones.</summary>
    private static List<string> Join(List<string> items, int groups)
    {
        var result = new List<string>();
        var taken = 0;
        for (var g = 0; g < groups; g++)
        {
            var size = (items.Count - taken + (groups - g - 1)) / (groups - g);
            result.Add(string.Join(", then ", items.Skip(taken).Take(size)));
            taken += size;
        }

        return result;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}