using Microsoft.Extensions.Logging;

using Recreation.Core.Model;
using Recreation.Media.Files;
using Recreation.Media.Stitching;

using MediaTransition = Recreation.Media.Stitching.Transition;

namespace Recreation.Pipeline.Running;

/// <summary>Joins the conformed clips in plan order with the scenes' transitions into the output file.</summary>
internal static class RunStitch
{
    public static async Task<StitchResult> StitchAsync(RunContext context, string outputPath, CancellationToken cancellationToken)
    {
        var scene = context.Scene;
        var conformed = scene.Plan.Clips.Select(c => context.Workspace.Resolve(context.Ledger.Find(c.Id)!.Conformed!)).ToList();
        var request = new JoinRequest(conformed, Transitions(scene.File, scene.Plan), outputPath, context.Workspace.Root)
        {
            LoudnessLufs = scene.File.Output.Loudness is { } lufs ? (double)lufs : null,
            Finishing = await RunFinishing.PrepareAsync(scene, context.Workspace, context.Logger, cancellationToken),
        };
        AtomicFile.CreateFolder(Path.GetDirectoryName(outputPath)!);
        var progress = new Progress<StitchProgress>(p => context.Progress.Report(new RunEvent(RunPhase.Stitch, p.Phase.Label(), p.Fraction)));
        var result = await new Stitcher(context.Runner).JoinConformedAsync(request, progress, cancellationToken);
        context.Progress.Report(new RunEvent(RunPhase.Stitch, "output", 1, "done"));
        context.Logger.LogInformation("Stitched {Clips} clips into {Output}: {Duration} s ({Reason})", conformed.Count, outputPath, result.Duration.TotalSeconds, result.Reason);
        return result;
    }

    /// <summary>The media slots the stitch takes: by the output's size and its clips' total length (transitions' overlaps not taken off).</summary>
    public static int Weight(Core.CompiledScene scene) =>
        RunConform.Weight(scene.File.Output, scene.Plan.Clips.Sum(c => c.ShareMs));

    /// <summary>The transition into each clip after the first: cuts inside a scene; the scene's own (or the default) at a scene's first clip.</summary>
    public static List<MediaTransition> Transitions(SceneFile file, Core.Planning.RunPlan plan)
    {
        var transitions = new List<MediaTransition>();
        for (var s = 0; s < plan.Scenes.Count; s++)
        {
            for (var c = 0; c < plan.Scenes[s].Clips.Count; c++)
            {
                if (s == 0 && c == 0)
                {
                    continue;
                }

                transitions.Add(MediaSettings.Transition(c == 0 ? file.Scenes[s].Transition ?? file.Output.Transition : TransitionSpec.Cut));
            }
        }

        return transitions;
    }
}