using Recreation.Media.Files;
using Recreation.Pipeline.Running;

namespace Recreation.Pipeline.Reports;

/// <summary>Writes a run's <c>report.html</c> (<see cref="StoryboardPage"/>), its measuring holding one of the shared media slots.</summary>
internal static class StoryboardReport
{
    public static async Task WriteAsync(RunContext context, RunSummary summary, CancellationToken cancellationToken)
    {
        var board = await SharedLimits.WithSlotAsync(
            context.Limits.Media,
            () => new StoryboardBuilder(context.Runner).BuildAsync(context.Scene, summary, context.Workspace, context.Ledger, cancellationToken),
            cancellationToken);
        await AtomicFile.WriteAllTextAsync(context.Workspace.HtmlReportPath, StoryboardPage.Write(board), cancellationToken);
    }
}