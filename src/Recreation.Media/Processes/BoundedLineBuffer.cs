namespace Recreation.Media.Processes;

/// <summary>Keeps the last N lines written (each cut at 2,000 characters). One writer, read after it finished.</summary>
internal sealed class BoundedLineBuffer(int maxLines)
{
    private const int MaxLineLength = 2000;
    private readonly Queue<string> _lines = new();

    public void Add(string line)
    {
        _lines.Enqueue(line.Length > MaxLineLength ? line[..MaxLineLength] + "…" : line);
        while (_lines.Count > maxLines)
        {
            _lines.Dequeue();
        }
    }

    public string Text => string.Join('\n', _lines);

    /// <summary>The last <paramref name="count"/> lines, for an error message.</summary>
    public string Tail(int count)
    {
        return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - count)));
    }
}