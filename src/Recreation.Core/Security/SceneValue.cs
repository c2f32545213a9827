using Recreation.Core.Diagnostics;

namespace Recreation.Core.Security;

/// <summary>A value a scene file asked for, with where it stands in the file (for a refusal's message).</summary>
/// <param name="Value">The value as written.</param>
/// <param name="File">The scene file as the user named it.</param>
/// <param name="Line">1-based line; 0 when unknown.</param>
/// <param name="Column">1-based column; 0 when unknown.</param>
/// <param name="Path">The key's path in the file, e.g. <c>target.base_url</c>.</param>
public sealed record SceneValue(string Value, string File, int Line, int Column, string Path)
{
    /// <summary>An error about this value, printed as <c>file:line:column: path: message</c>.</summary>
    public Diagnostic Error(string message) => new(Severity.Error, File, Line, Column, Path, message);
}