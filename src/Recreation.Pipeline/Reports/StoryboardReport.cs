using Recreation.Media.Files;
using Recreation.Media.Probing;
using Recreation.Pipeline.Running;

namespace Recreation.Pipeline.Reports;

/// <summary>Writes a run's <c>report.html</c> (<see cref="StoryboardPage"/>), its measuring holding one of the shared media slots.</summary>
internal static class StoryboardReport
{
    /// <param name="probed">Probes the run made of clip files beside the downloads' (<see cref="RunContext.Probes"/>): the stitch's of the conformed clips.</param>
    public static async Task WriteAsync(RunContext context, RunSummary summary, IEnumerable<MediaInfo>? probed, CancellationToken cancellationToken)
    {
        var known = context.Probes.Values.Concat(probed ?? []).ToList();
        var board = await context.Limits.Media.WithAsync(
            1, // it decodes a few frames of each clip: one short ffmpeg run
            () => new StoryboardBuilder(context.Runner).BuildAsync(context.Scene, summary, context.Workspace, context.Ledger, known, cancellationToken),
            cancellationToken);
        await AtomicFile.WriteAllTextAsync(context.Workspace.HtmlReportPath, StoryboardPage.Write(board), cancellationToken);
    }
}