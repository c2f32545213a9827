using Recreation.Core;

namespace Recreation.Pipeline.Workspace;

/// <summary>Another run holds the workspace. Fatal for one run (exit 1); a batch reports the item and goes on.</summary>
public sealed class WorkspaceLockedException(string workspace, Exception inner)
    : RecreationException(
        $"Another recreate run is using the workspace {workspace}. Wait for it to finish (or stop it), then run again.",
        ExitCodes.RunFailed, isFatal: true, inner)
{
    public string Workspace { get; } = workspace;
}