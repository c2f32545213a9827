using Recreation.Core.Model;

namespace Recreation.Core.Planning;

/// <summary>
/// Which characters a clip names: a character is named when its id appears as a whole word in the
/// clip's interactions, or when it speaks one of the clip's dialogue lines (DESIGN §4 rule 6).
/// </summary>
public static class CharacterNaming
{
    /// <summary>The named characters, in the order of the file's <c>characters:</c>.</summary>
    public static string[] Named(IEnumerable<Character> characters, IReadOnlyList<string> interactions, IReadOnlyList<DialogueLine> dialogue) =>
        characters
            .Where(c => dialogue.Any(d => d.Speaker == c.Id) || interactions.Any(i => TextMatching.ContainsWord(i, c.Id)))
            .Select(c => c.Id)
            .ToArray();
}