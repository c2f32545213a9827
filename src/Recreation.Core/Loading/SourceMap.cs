namespace Recreation.Core.Loading;

/// <summary>
/// Where each value of a loaded file stands (path such as <c>scenes[0].duration</c> → line and
/// column), so checks made after parsing — validation, planning, lint — can still point at the line.
/// </summary>
public sealed class SourceMap
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.Ordinal);

    public SourceMap(string file) => File = file;

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    internal void Add(string path, int line, int column) => _positions.TryAdd(path, (line, column));

    /// <summary>The position of <paramref name="path"/>, else of its nearest recorded parent, else (0, 0).</summary>
    public (int Line, int Column) Find(string path)
    {
        var current = path;
        while (true)
        {
            if (_positions.TryGetValue(current, out var position))
            {
                return position;
            }

            var cut = Math.Max(current.LastIndexOf('.'), current.LastIndexOf('['));
            if (cut <= 0)
            {
                return _positions.TryGetValue("", out var root) ? root : (0, 0);
            }

            current = current[..cut];
        }
    }
}