using Recreation.Core.Diagnostics;
using Recreation.Core.Model;

namespace Recreation.Core.Planning;

/// <summary>The whole plan of a scene file: every clip, the generated seconds and what they would cost on the profile.</summary>
public sealed record RunPlan(
    string Title,
    string Backend,
    string Model,
    FrameSize Size,
    int TotalGeneratedSeconds,
    decimal EstimatedCostUsd,
    ValueList<Diagnostic> Warnings,
    ValueList<ScenePlan> Scenes)
{
    public IEnumerable<ClipPlan> Clips => Scenes.SelectMany(s => s.Clips);
}