using Microsoft.Extensions.Logging;

using Recreation.Core.Model;
using Recreation.Core.Planning;
using Recreation.Media;
using Recreation.Media.Conforming;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Reports;

namespace Recreation.Pipeline.Running;

/// <summary>Conforms one generated clip to the run's intermediate format, trimmed to its share; conformed clips are cached by content too.</summary>
internal static class RunConform
{
    /// <summary>The media layer's intermediate container (H.264 + PCM in MOV).</summary>
    private const string ConformedExtension = ".mov";

    /// <summary>The clip's conform: its share, the head trim, and the video's fades when it is the plan's first or last clip.</summary>
    public static ConformSpec SpecFor(OutputSettings output, RunPlan plan, ClipPlan clip) =>
        new(output.Size.Width, output.Size.Height, MediaSettings.Fit(output.Fit), new Rational(output.Fps, 1), TimeSpan.FromMilliseconds(clip.ShareMs))
        {
            TrimHead = MediaSettings.TrimHead(output.TrimHead),
            FadeIn = plan.Clips.First().Id == clip.Id ? MediaSettings.FadeIn(output) : TimeSpan.Zero,
            FadeOut = plan.Clips.Last().Id == clip.Id ? MediaSettings.FadeOut(output) : TimeSpan.Zero,
        };

    /// <summary>The media slots a conform (or a local render) of <paramref name="milliseconds"/> at the output's size and rate takes.</summary>
    public static int Weight(OutputSettings output, long milliseconds) =>
        MediaSlots.WeightOf(output.Size.Width, output.Size.Height, (milliseconds * output.Fps) / 1000);

    public static async Task ConformAsync(RunContext context, ClipPlan clip, CancellationToken cancellationToken)
    {
        var record = context.Ledger.Find(clip.Id)!;
        var spec = SpecFor(context.Scene.File.Output, context.Scene.Plan, clip);
        // An imported file or a selected retake is not the file the cache key names: key the conformed clip by it too.
        var identity = record.ImportedSha256 is { } imported ? $"{record.CacheKey}/{imported}" : record.CacheKey;
        if (record.SelectedTake is { } take)
        {
            identity += "/take" + take.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var key = CacheKeys.Conformed(identity, spec.CacheKey);
        var target = Path.Combine(context.Workspace.ConformedFolder, key + ConformedExtension);
        var progress = new Progress<double>(f => context.Progress.Report(new RunEvent(RunPhase.Conform, clip.Id, f)));
        if (!context.Force && File.Exists(target))
        {
            context.ConformCacheHits[clip.Id] = true;
            context.Ledger.Update(clip.Id, r => r with { State = ClipState.Conformed, Conformed = context.Workspace.Relative(target) });
            context.Progress.Report(new RunEvent(RunPhase.Conform, clip.Id, 1, "cached"));
            return;
        }

        // The conformer writes to a partial file and renames it into place itself.
        var source = context.Workspace.Resolve(record.File!);
        // The report's thumbnails and palette come from the conform's own run (no ffmpeg of their own).
        var conformer = new Conformer(context.Runner) { MeasureLooks = true };
        var conformed = context.Probes.TryGetValue(clip.Id, out var known) && known.Path == source
            ? await conformer.ConformAsync(known, target, spec, progress, cancellationToken)
            : await conformer.ConformAsync(source, target, spec, progress, cancellationToken);
        if (conformed.HeadTrimmed > TimeSpan.Zero)
        {
            context.Logger.LogInformation("Clip {ClipId}: cut {Seconds:0.###} s from its start (trim_head {TrimHead})", clip.Id, conformed.HeadTrimmed.TotalSeconds, spec.TrimHead);
        }
        if (conformed.Look is { } look)
        {
            await new ClipLooks(context.Runner, StoryboardBuilder.ReportFolder(context.Workspace)).KeepAsync(look, cancellationToken);
        }

        context.Ledger.Update(clip.Id, r => r with { State = ClipState.Conformed, Conformed = context.Workspace.Relative(target) });
        context.Logger.LogInformation("Clip {ClipId}: conformed to {Width}x{Height} at {Fps} fps, {Share} s", clip.Id, spec.Width, spec.Height, spec.Fps, clip.Share);
        context.Progress.Report(new RunEvent(RunPhase.Conform, clip.Id, 1, "conformed"));
    }
}