using Recreation.Core;
using Recreation.Core.Batch;
using Recreation.Pipeline.Running;

namespace Recreation.Pipeline.Batch;

/// <summary>An item ready to run: its scene compiled, its overrides turned into run options.</summary>
public sealed record BatchRunItem(BatchItem Item, CompiledScene Scene, RunOptions Options)
{
    public string Workspace => RunOrchestrator.WorkspaceFor(Scene, Options);
}