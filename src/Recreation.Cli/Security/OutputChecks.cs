using Recreation.Core;
using Recreation.Core.Security;
using Recreation.Pipeline.Running;
using Recreation.Pipeline.Workspace;

namespace Recreation.Cli.Security;

/// <summary>
/// What every verb that writes checks first (exit 2, nothing written): no output is one of its
/// inputs (<see cref="OutputGuard"/>), and a scene-chosen output outside the scene's folder does
/// not replace a file its workspace did not write (<see cref="OutputOwnership"/>).
/// </summary>
internal static class OutputChecks
{
    /// <summary>For <c>run</c>, <c>retake</c> and <c>import</c>: the video and its sidecars against the scene's inputs, the profiles file and <paramref name="more"/>.</summary>
    public static void ForRun(CompiledScene compiled, RunOptions options, string? profilesFile, IEnumerable<NamedFile>? more = null)
    {
        var output = Path.GetFullPath(options.OutputPath ?? compiled.File.Output.Path);
        OutputGuard.RefuseInputs(OutputGuard.OutputsOf(compiled, output), Inputs(compiled, profilesFile).Concat(more ?? []));
        OutputOwnership.Check(compiled, output, RunOrchestrator.WorkspaceFor(compiled, options), chosenByUser: options.OutputPath is not null, options.Force);
    }

    /// <summary>The <c>--events</c> file (none for <c>-</c>, standard output) against the inputs: JSON lines must never replace a scene, batch or profiles file.</summary>
    public static void ForEvents(string? events, IEnumerable<NamedFile> inputs)
    {
        if (events is null or "-")
        {
            return;
        }

        OutputGuard.RefuseInputs([new NamedFile(Path.GetFullPath(events), "events file")], inputs);
    }

    /// <summary>The scene's inputs and the profiles file.</summary>
    public static IEnumerable<NamedFile> Inputs(CompiledScene compiled, string? profilesFile) =>
        profilesFile is null ? OutputGuard.InputsOf(compiled) : [.. OutputGuard.InputsOf(compiled), new NamedFile(Path.GetFullPath(profilesFile), "profiles file")];
}