using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Generation.Http;

namespace Recreation.Generation.Gemini;

/// <summary>
/// The <c>gemini</c> backend's generator: one clip is one Veo operation. Submit starts it (the only
/// call that costs money, sent once: an error answer or a refused connection is a
/// <see cref="SubmissionRefusedException"/>, a lost answer propagates as in doubt); await polls the
/// saved operation name; fetch asks the operation for its file again and downloads it at once. A
/// result removed by Google's safety filters is a failed clip with the filter's reasons (not
/// billed); an operation or file that is gone (Veo keeps them about two days) is expired.
/// </summary>
public sealed class GeminiClipGenerator(GeminiClient client, ILogger<GeminiClipGenerator>? logger = null) : IClipGenerator
{
    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var operation = await client.StartAsync(
                new GeminiVideoRequest(request.Model, request.Prompt, request.Size, request.Seconds, request.InputImagePath),
                cancellationToken).ConfigureAwait(false);
            return new GenerationJob(request.ClipId, operation.Name);
        }
        catch (ArgumentException e)
        {
            // Checked before anything was sent: what Veo cannot make.
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
        GeminiOperation operation;
        try
        {
            operation = await client.WaitAsync(job.JobId, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode == 404)
        {
            return JobOutcome.Expired($"the operation {job.JobId} no longer exists (Veo keeps operations about two days)");
        }

        if (operation.Succeeded)
        {
            return JobOutcome.Success;
        }

        var reason = operation.FailureReason ?? "the operation ended without a video";
        _logger.LogWarning("Clip {ClipId}: {Operation} ended without a video: {Reason}", job.ClipId, job.JobId, reason);
        // google.rpc.Code 3 = INVALID_ARGUMENT: the input itself was refused.
        return operation.ErrorCode == 3 ? JobOutcome.Refused(reason) : JobOutcome.Failed(reason);
    }

    public async Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            var operation = await client.GetAsync(job.JobId, cancellationToken).ConfigureAwait(false);
            if (!operation.Succeeded)
            {
                throw new ClipExpiredException($"The operation {job.JobId} has no video to download ({operation.FailureReason ?? "not done"}).");
            }

            await client.DownloadAsync(operation.VideoUris[0], destinationPath, progress, cancellationToken, request.Seconds).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode is 403 or 404 or 410 && !e.IsFatal)
        {
            throw new ClipExpiredException($"The video of operation {job.JobId} is gone (Veo deletes generated files after about two days).", e);
        }
    }
}