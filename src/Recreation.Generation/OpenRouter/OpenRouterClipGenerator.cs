using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core.Profiles;
using Recreation.Generation.Aggregators;
using Recreation.Generation.Http;

namespace Recreation.Generation.OpenRouter;

/// <summary>
/// The <c>openrouter</c> backend's generator: one clip is one video job of the profile's model, with
/// the body <see cref="OpenRouterInputs"/> builds (the first frame as a data URI in
/// <c>frame_images</c>). Submit is sent once (an error answer or a refused connection is a
/// <see cref="SubmissionRefusedException"/>: 400 and 403 as refused input; a lost answer propagates
/// as in doubt). Await polls the job: <c>completed</c> is done, <c>failed</c> and <c>cancelled</c>
/// are failed by the service with its <c>error</c>, <c>expired</c> (or a job OpenRouter no longer
/// knows) is expired. Fetch downloads the video at once.
/// </summary>
public sealed class OpenRouterClipGenerator(OpenRouterClient client, ModelProfile profile, ILogger<OpenRouterClipGenerator>? logger = null) : IClipGenerator
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly InputMapping _inputs = profile.Inputs ?? throw new ArgumentException($"The profile '{profile.Name}' has no inputs: mapping.", nameof(profile));

    public async Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var firstFrame = request.InputImagePath is null || _inputs.FirstFrameField is null
                ? null
                : await DataUri.FromImageAsync(request.InputImagePath, cancellationToken).ConfigureAwait(false);
            var id = await client.SubmitAsync(OpenRouterInputs.Build(profile, request, firstFrame), cancellationToken).ConfigureAwait(false);
            return new GenerationJob(request.ClipId, id);
        }
        catch (ArgumentException e)
        {
            // Checked before anything was sent.
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
        OpenRouterJob state;
        try
        {
            state = await client.WaitAsync(job.JobId, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode == 404)
        {
            return JobOutcome.Expired($"the job {job.JobId} is not known to OpenRouter any more");
        }

        switch (state.Status)
        {
            case OpenRouterJob.Completed:
                return JobOutcome.Success;
            case OpenRouterJob.Expired:
                return JobOutcome.Expired(state.Error ?? $"the job {job.JobId} expired before it finished");
            default:
                var reason = state.Error is { Length: > 0 } error ? $"{state.Status}: {error}" : state.Status;
                _logger.LogWarning("Clip {ClipId}: OpenRouter job {JobId} ended {Status}: {Reason}", job.ClipId, job.JobId, state.Status, reason);
                return JobOutcome.Failed(reason);
        }
    }

    public async Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            await client.DownloadAsync(job.JobId, destinationPath, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode is 403 or 404 or 410 && !e.IsFatal)
        {
            throw new ClipExpiredException($"The video of OpenRouter job {job.JobId} is gone (OpenRouter keeps outputs only for a while).", e);
        }
    }
}