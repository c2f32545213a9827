using System.Text;
using System.Text.RegularExpressions;

namespace Recreation.Pipeline.Manual;

// The name half of ClipFileMatcher: the clip ids a file name holds.
public static partial class ClipFileMatcher
{
    /// <summary>
    /// The clip ids a file name holds: the name's words (letters and digits; case, <c>_</c>, spaces
    /// and a browser's <c>(1)</c> suffix ignored) contain the clip id's words in sequence. When one
    /// id's words lie inside another's (<c>b-1</c> in <c>a-b-1</c>), the longer one wins.
    /// </summary>
    public static IReadOnlyList<string> ClipIdsInName(string fileName, IReadOnlyList<ClipSlot> clips)
    {
        var name = fileName.Replace('\\', '/');
        var stem = System.IO.Path.GetFileNameWithoutExtension(name[(name.LastIndexOf('/') + 1)..]);
        stem = DuplicateSuffix().Replace(stem, "");
        var words = Words(stem);
        var hits = clips.Select(c => (c.ClipId, Words: Words(c.ClipId)))
            .Where(c => c.Words.Length > 0 && Contains(words, c.Words))
            .ToList();
        if (hits.Count <= 1)
        {
            return hits.Select(h => h.ClipId).ToList();
        }

        var longest = hits.Max(h => h.Words.Length);
        return hits.Where(h => h.Words.Length == longest).Select(h => h.ClipId).ToList();
    }

    private static string[] Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(char.ToLowerInvariant(ch));
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }

    private static bool Contains(string[] haystack, string[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\s*[\(\[]\d+[\)\]]\s*$")]
    private static partial Regex DuplicateSuffix();
}