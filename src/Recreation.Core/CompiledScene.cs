using Recreation.Core.Diagnostics;
using Recreation.Core.Loading;
using Recreation.Core.Model;
using Recreation.Core.Planning;

namespace Recreation.Core;

/// <summary>A scene file that loaded, validated and planned: what every command starts from.</summary>
/// <param name="Map">Positions of the file's values, for later messages.</param>
public sealed record CompiledScene(SceneFile File, RunPlan Plan, SourceMap Map)
{
    public IReadOnlyList<Diagnostic> Warnings => Plan.Warnings;
}