using System.Text;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// The one gate for text a server chose: error <c>message</c>, <c>code</c>, <c>param</c> and
/// <c>type</c>, the <c>x-request-id</c> header, the reason phrase, a raw error body, a job's
/// status, ids and <c>error.code</c>/<c>message</c>, model ids. Every such string passes through
/// <see cref="Clean"/> once, where it enters <see cref="VideosClient"/>, before it is cut, shown,
/// logged or stored (ledger): a service may echo what it was sent, the key included, whole or in
/// part, and a cut made first would leave the part of a key that straddles it.
/// <para>
/// <see cref="Redact"/> replaces the key and every run of <see cref="MinSecretRun"/> or more of its
/// consecutive characters (compared ignoring case) with <see cref="Redacted"/>. Redacting a part of
/// the key is on purpose: a service that shows "the first 18 characters" still shows too much, and
/// over-redacting an error message (say a shared <c>sk-proj-</c> prefix) costs nothing.
/// </para>
/// </summary>
internal sealed class ServerText(string? secret)
{
    /// <summary>The shortest run of the key's characters that is redacted (the whole key when it is shorter).</summary>
    public const int MinSecretRun = 8;

    public const string Redacted = "[redacted]";

    /// <summary>The most characters of any one server string kept (a message; codes and ids are cut shorter by their callers).</summary>
    public const int MaxChars = 500;

    private readonly string _secret = secret ?? "";

    /// <summary>
    /// <paramref name="text"/> with the key redacted, control and invisible format characters turned
    /// into spaces (never removed, which could join the key's pieces), white space collapsed, and
    /// then — only then — cut to <paramref name="maxChars"/> with an ellipsis. Null stays null.
    /// </summary>
    public string? Clean(string? text, int maxChars = MaxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 1);
        if (text is null)
        {
            return null;
        }

        // Only the head can survive the cut; a run of the key that overlaps it ends within
        // maxChars + the key's length, so redacting that window is the same as redacting all of it.
        var window = text.Length <= maxChars + _secret.Length + 1 ? text : text[..(maxChars + _secret.Length + 1)];
        var flat = Flatten(Redact(window));
        if (flat.Length == 0)
        {
            return "";
        }

        return flat.Length <= maxChars && window.Length == text.Length ? flat : flat[..Math.Min(flat.Length, maxChars)].TrimEnd() + "…";
    }

    /// <summary>
    /// <paramref name="text"/> with the key and every run of at least <see cref="MinSecretRun"/> of its
    /// characters replaced, nothing else changed (for text that is compared, such as an echoed prompt).
    /// </summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_secret.Length == 0 || text.Length == 0)
        {
            return text;
        }

        var minimum = Math.Min(MinSecretRun, _secret.Length);
        StringBuilder? result = null;
        var copiedUpTo = 0;
        for (var i = 0; i <= text.Length - minimum;)
        {
            var run = LongestRunAt(text, i);
            if (run < minimum)
            {
                i++;
                continue;
            }

            result ??= new StringBuilder(text.Length);
            result.Append(text, copiedUpTo, i - copiedUpTo).Append(Redacted);
            i += run;
            copiedUpTo = i;
        }

        return result is null ? text : result.Append(text, copiedUpTo, text.Length - copiedUpTo).ToString();
    }

    /// <summary>True when <paramref name="text"/> holds the key or a run of it (an id that does cannot be stored or shown).</summary>
    public bool ContainsSecret(string text) => !ReferenceEquals(Redact(text), text);

    /// <summary>The longest run of the key's consecutive characters that starts at <paramref name="start"/>.</summary>
    private int LongestRunAt(string text, int start)
    {
        var best = 0;
        for (var j = 0; j < _secret.Length - best; j++)
        {
            var length = 0;
            while (start + length < text.Length && j + length < _secret.Length
                && char.ToUpperInvariant(text[start + length]) == char.ToUpperInvariant(_secret[j + length]))
            {
                length++;
            }

            best = Math.Max(best, length);
        }

        return best;
    }

    private static string Flatten(string text)
    {
        var result = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            var blank = char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;
            if (blank)
            {
                space = result.Length > 0;
                continue;
            }

            if (space)
            {
                result.Append(' ');
                space = false;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}