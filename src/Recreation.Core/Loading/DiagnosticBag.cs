using Recreation.Core.Diagnostics;

namespace Recreation.Core.Loading;

/// <summary>Collects diagnostics for one file, positioned through its <see cref="SourceMap"/>.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public DiagnosticBag(SourceMap map) => Map = map;

    public SourceMap Map { get; }

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public bool HasErrorAt(string path) => _items.Any(d => d.Severity == Severity.Error && d.Path == path);

    public void Error(string path, string message) => Add(Severity.Error, path, message);

    public void Warning(string path, string message) => Add(Severity.Warning, path, message);

    public void Error(int line, int column, string path, string message) =>
        _items.Add(new Diagnostic(Severity.Error, Map.File, line, column, path, message));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    private void Add(Severity severity, string path, string message)
    {
        var (line, column) = Map.Find(path);
        _items.Add(new Diagnostic(severity, Map.File, line, column, path, message));
    }
}