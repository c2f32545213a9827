using Microsoft.Extensions.Logging;

namespace Recreation.Media.Stitching;

/// <summary>
/// Carries out one <see cref="StitchPath"/> of a route <see cref="StitchRoutePlanner"/> chose: it
/// decides nothing about the route, only does it, and every path ends the same way
/// (<see cref="WriteAsync"/>: the output written, verified and renamed into place, the result said).
/// </summary>
internal abstract class StitchExecutor(FFmpegRunner runner, ILogger logger)
{
    protected FFmpegRunner Runner { get; } = runner;

    protected ILogger Logger { get; } = logger;

    public abstract Task<StitchResult> RunAsync(StitchJob job, StitchRoute route, CancellationToken cancellationToken);

    /// <summary>The last step of every path: <paramref name="output"/> written and verified, with <paramref name="overlapFrames"/> taken by transitions.</summary>
    protected async Task<StitchResult> WriteAsync(OutputJob output, StitchJob job, StitchRoute route, long overlapFrames, CancellationToken cancellationToken)
    {
        var (report, written) = await new OutputWriter(Runner, Logger).WriteAsync(output, job.Progress, cancellationToken).ConfigureAwait(false);
        var overlap = route.Specs[0].DurationOf(overlapFrames);
        Logger.LogInformation("Wrote {OutputPath} by {StitchPath}: {FrameCount} frames, {DurationSeconds:0.###} s, transitions overlapped {OverlapSeconds:0.###} s",
            written.Path, route.Path, output.ExpectedFrames, output.Duration.TotalSeconds, overlap.TotalSeconds);
        return new StitchResult(written.Path, route.Path, route.Reason, output.ExpectedFrames, output.Duration, overlap, report, written)
        {
            NotWindowedReason = route.NotWindowedReason,
        };
    }
}