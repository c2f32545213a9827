using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core.Profiles;
using Recreation.Generation.Aggregators;
using Recreation.Generation.Http;

namespace Recreation.Generation.Fal;

/// <summary>
/// The <c>fal</c> backend's generator: one clip is one queued request to the profile's model, with
/// the input JSON its <see cref="InputMapping"/> builds (<see cref="ModelInputs"/>; the first frame
/// as a data URI). Submit is sent once (an error answer or a refused connection is a
/// <see cref="SubmissionRefusedException"/>; a lost answer propagates as in doubt); await polls the
/// status, then reads the result, where a model's refusal shows (422: refused input, or
/// <c>content_policy_violation</c>: failed); fetch downloads the output at once, without the key.
/// </summary>
public sealed class FalClipGenerator(FalClient client, ModelProfile profile, ILogger<FalClipGenerator>? logger = null) : IClipGenerator
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
            var input = ModelInputs.Build(_inputs, request, firstFrame);
            var id = await client.SubmitAsync(profile.ModelId, input, cancellationToken).ConfigureAwait(false);
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
        try
        {
            var status = await client.WaitAsync(profile.ModelId, job.JobId, progress, cancellationToken).ConfigureAwait(false);
            if (status.Error is { } error)
            {
                _logger.LogWarning("Clip {ClipId}: fal request {RequestId} failed: {Reason}", job.ClipId, job.JobId, error);
                return JobOutcome.Failed(error);
            }

            await client.ResultUrlAsync(profile.ModelId, job.JobId, cancellationToken).ConfigureAwait(false);
            return JobOutcome.Success;
        }
        catch (ServiceApiException e) when (e.StatusCode == 404)
        {
            return JobOutcome.Expired($"the request {job.JobId} is not known to fal any more");
        }
        catch (ServiceApiException e) when (e.StatusCode is 400 or 422 && !e.IsFatal)
        {
            var reason = e.Message;
            _logger.LogWarning("Clip {ClipId}: fal request {RequestId} ended without a video: {Reason}", job.ClipId, job.JobId, reason);
            return e.ErrorCode is { } code && code.Contains("policy", StringComparison.OrdinalIgnoreCase)
                ? JobOutcome.Failed($"{code}: {reason}")
                : JobOutcome.Refused(reason);
        }
    }

    public async Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            await client.DownloadAsync(profile.ModelId, job.JobId, destinationPath, progress, cancellationToken, request.Seconds).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode is 401 or 403 or 404 or 410 && !e.IsFatal)
        {
            throw new ClipExpiredException($"The output of fal request {job.JobId} is gone.", e);
        }
    }
}