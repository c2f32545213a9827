namespace Recreation.Pipeline.Reports;

/// <summary>
/// Cuts a prompt into spans so the report can mark what keeps clips consistent: the character
/// anchors (matched verbatim, as the composer writes them) and the palette's hex codes (any
/// case). Where matches overlap the earlier one wins, then the longer.
/// </summary>
internal static class PromptHighlighter
{
    public static IReadOnlyList<PromptSpan> Spans(string prompt, IEnumerable<string> anchors, IEnumerable<string> palette)
    {
        var matches = new List<(int Start, int Length, PromptSpanKind Kind)>();
        Find(prompt, anchors, StringComparison.Ordinal, PromptSpanKind.Anchor, matches);
        Find(prompt, palette, StringComparison.OrdinalIgnoreCase, PromptSpanKind.Palette, matches);

        var spans = new List<PromptSpan>();
        var at = 0;
        foreach (var (start, length, kind) in matches.OrderBy(m => m.Start).ThenByDescending(m => m.Length))
        {
            if (start < at)
            {
                continue; // overlaps an earlier match
            }

            if (start > at)
            {
                spans.Add(new PromptSpan(prompt[at..start], PromptSpanKind.Plain));
            }

            spans.Add(new PromptSpan(prompt.Substring(start, length), kind));
            at = start + length;
        }

        if (at < prompt.Length)
        {
            spans.Add(new PromptSpan(prompt[at..], PromptSpanKind.Plain));
        }

        return spans;
    }

    private static void Find(string prompt, IEnumerable<string> words, StringComparison comparison, PromptSpanKind kind, List<(int, int, PromptSpanKind)> matches)
    {
        foreach (var word in words.Where(w => !string.IsNullOrWhiteSpace(w)).Distinct(StringComparer.Ordinal))
        {
            for (var i = prompt.IndexOf(word, comparison); i >= 0; i = prompt.IndexOf(word, i + word.Length, comparison))
            {
                matches.Add((i, word.Length, kind));
            }
        }
    }
}