using Recreation.Core.Profiles;

namespace Recreation.Core.Model;

/// <summary>A validated scene file (version 1). Paths inside it are absolute; <see cref="Profile"/> is the resolved <c>target.model</c>.</summary>
/// <param name="SourcePath">The file as the user named it, for messages.</param>
public sealed record SceneFile(
    int Version,
    string Title,
    TargetSettings Target,
    ModelProfile Profile,
    OutputSettings Output,
    PlanningSettings Planning,
    LintSettings Lint,
    ContinuityChain Continuity,
    string? Style,
    ValueList<string> Palette,
    string? Lighting,
    ValueList<Character> Characters,
    ValueList<Scene> Scenes,
    string SourcePath)
{
    /// <summary>The reference video the file was drafted from (<c>reference:</c>), or null.</summary>
    public ReferenceVideo? Reference { get; init; }

    public Character? FindCharacter(string id) => Characters.FirstOrDefault(c => c.Id == id);

    /// <summary>The folder the scene file is in: relative paths in it are relative to this.</summary>
    public string BaseDirectory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(SourcePath)) ?? ".";
}