using System.Text.RegularExpressions;

namespace Recreation.Core.Planning;

/// <summary>Whole-word, case-insensitive matching shared by the planner and the linter.</summary>
public static partial class TextMatching
{
    /// <summary>The words of a text, lower case, split on anything that is not a letter.</summary>
    public static IEnumerable<string> Words(string text) =>
        NonLetters().Split(text).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant());

    /// <summary>Whether <paramref name="phrase"/> (an id or several words) appears in <paramref name="text"/> as whole words.</summary>
    public static bool ContainsWord(string text, string phrase) =>
        Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(phrase)}(?![\p{{L}}\p{{N}}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"[^\p{L}]+")]
    private static partial Regex NonLetters();
}