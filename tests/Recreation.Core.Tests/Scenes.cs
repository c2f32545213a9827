using Recreation.Core;

namespace Recreation.Core.Tests;

/// <summary>Builds scene files from YAML text for specs; the file lives in a folder that need not exist.</summary>
internal static class Scenes
{
    public static readonly string Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "recreation-specs", "scene.yaml");

    public static CompiledScene Compile(string yaml) => SceneCompiler.CompileText(yaml, Path);

    /// <summary>A file with one scene whose body (indented under "- ") is given.</summary>
    public static CompiledScene One(string sceneBody, string header = "") =>
        Compile($"version: 1\n{header}\nscenes:\n  - id: s\n{Indent(sceneBody)}\n");

    private static string Indent(string body) =>
        string.Join("\n", body.Trim('\n').Split('\n').Select(l => "    " + l));
}