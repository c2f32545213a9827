namespace Recreation.Core.Diagnostics;

/// <summary>
/// One problem found in an input file, printed as <c>file:line:column: path: message</c>
/// (for example <c>coffee.yaml:14:15: scenes[0].duration: must be &gt; 0</c>).
/// Line and column are 1-based; 0 means the position is unknown.
/// </summary>
public sealed record Diagnostic(Severity Severity, string File, int Line, int Column, string Path, string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        var prefix = Severity == Severity.Warning ? "warning: " : "";
        return string.IsNullOrEmpty(Path) ? $"{where}: {prefix}{Message}" : $"{where}: {prefix}{Path}: {Message}";
    }
}