using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Generation.Http;

namespace Recreation.Generation.Runway;

/// <summary>
/// The <c>runway</c> backend's generator: one clip is one Runway task. Submit creates it (sent once:
/// an error answer or a refused connection is a <see cref="SubmissionRefusedException"/>, a lost
/// answer propagates as in doubt); await polls the saved task id through PENDING, THROTTLED and
/// RUNNING; fetch takes a fresh output URL and downloads it at once (URLs expire in 24–48 h). A
/// task failed by moderation is a failed clip with Runway's code (<c>SAFETY.INPUT.TEXT: …</c>);
/// <c>ASSET.INVALID</c> is refused input; a task that is gone is expired.
/// </summary>
public sealed class RunwayClipGenerator(RunwayClient client, ILogger<RunwayClipGenerator>? logger = null) : IClipGenerator
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var id = await client.CreateAsync(
                new RunwayVideoRequest(request.Model, request.Prompt, request.Size, request.Seconds, request.InputImagePath),
                cancellationToken).ConfigureAwait(false);
            return new GenerationJob(request.ClipId, id);
        }
        catch (ArgumentException e)
        {
            // Checked before anything was sent: what the model cannot make.
            throw new SubmissionRefusedException($"Clip {request.ClipId}: {e.Message}", invalidInput: true, innerException: e);
        }
        catch (ServiceApiException e) when (!e.IsInDoubt)
        {
            throw new SubmissionRefusedException(e.Message, e.IsInputRefused, e.IsFatal, e);
        }
    }

    public async Task<JobOutcome> AwaitAsync(GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        RunwayTask task;
        try
        {
            task = await client.WaitAsync(job.JobId, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode == 404)
        {
            return JobOutcome.Expired($"the task {job.JobId} no longer exists (deleted)");
        }

        if (task.IsSucceeded)
        {
            return JobOutcome.Success;
        }

        var reason = task.FailureReason ?? task.Status;
        _logger.LogWarning("Clip {ClipId}: Runway task {TaskId} ended {Status}: {Reason}", job.ClipId, job.JobId, task.Status, reason);
        return task.FailureCode?.StartsWith("ASSET", StringComparison.Ordinal) == true ? JobOutcome.Refused(reason) : JobOutcome.Failed(reason);
    }

    public async Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            await client.DownloadAsync(job.JobId, destinationPath, progress, cancellationToken, request.Seconds).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode is 401 or 403 or 404 or 410 && !e.IsFatal)
        {
            throw new ClipExpiredException($"The output of Runway task {job.JobId} is gone (its URLs expire in 24-48 h, and a deleted task has none).", e);
        }
    }
}