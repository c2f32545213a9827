using System.Globalization;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core.Model;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// The <c>openai</c> backend: one clip is one Videos API job. Submit is the only call that costs
/// money and always carries <see cref="ClipRequest.IdempotencyKey"/>; await polls the saved job id;
/// fetch downloads the video (a 410 becomes <see cref="ClipExpiredException"/>, which the run reports
/// with its cost instead of paying again on its own).
/// </summary>
public sealed class OpenAIClipGenerator(VideosClient client, ILogger<OpenAIClipGenerator>? logger = null) : IClipGenerator
{
    /// <summary>How many jobs <see cref="FindSubmittedAsync"/> looks through at most (newest first).</summary>
    private const int ReconcileScanLimit = 500;

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;

    public async Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var video = request.RemixOfJobId is { } source
                ? await client.RemixAsync(source, request.Prompt, request.IdempotencyKey, cancellationToken).ConfigureAwait(false)
                : await client.CreateAsync(
                    new CreateVideoRequest(request.Prompt, request.Model, request.Seconds, request.Size, request.InputImagePath),
                    request.IdempotencyKey,
                    cancellationToken).ConfigureAwait(false);
            return new GenerationJob(request.ClipId, video.Id);
        }
        catch (VideosApiException e) when (IsRefusal(e))
        {
            // The server refused the request outright: no job exists, nothing is in flight. Anything
            // else (5xx or 429 after the retries, a timeout, a dropped connection) may have created a
            // job: it propagates as is, and the next run looks for the job in the list and otherwise
            // sends the create again under the same idempotency key.
            throw new SubmissionRefusedException(e.Message, invalidInput: e.StatusCode is 400 or 404 or 413 or 415 or 422, e.IsFatal, e);
        }
        catch (VideosApiException e) when (e.LostCreateAnswer)
        {
            // A service that keeps no list and no idempotency key: nothing can settle it later either.
            throw new LostCreateUndecidedException(e.Message);
        }
    }

    /// <summary>A 4xx other than 408 (timeout), 409 (conflict) and 429 (rate limit): the service answered and started nothing.</summary>
    private static bool IsRefusal(VideosApiException e) => e.StatusCode is >= 400 and < 500 and not (408 or 409 or 429);

    public async Task<JobOutcome> AwaitAsync(GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var video = await client.WaitAsync(job.JobId, progress, cancellationToken).ConfigureAwait(false);
        return video.IsCompleted ? JobOutcome.Success : JobOutcome.Failed(video.FailureReason ?? video.Status);
    }

    public async Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            await client.DownloadContentAsync(job.JobId, VideoContentVariant.Video, destinationPath, request.Seconds, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (VideosApiException e) when (e.StatusCode == 410 || string.Equals(e.ErrorCode, "video_expired", StringComparison.Ordinal))
        {
            throw new ClipExpiredException($"The video of job {job.JobId} expired before it was downloaded.", e);
        }
    }

    public async Task<GenerationJob?> FindSubmittedAsync(ClipRequest request, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!client.RecoversLostCreates)
        {
            throw new LostCreateUndecidedException(
                $"{client.BaseUrl} is set as a service that keeps no list of jobs and no idempotency key (RecoverLostCreates=false), so whether the lost create made a job cannot be told. Look for it in the console of the service behind it.");
        }

        var size = request.Size.ToString();
        var seconds = request.Seconds.ToString(CultureInfo.InvariantCulture);
        string? after = null;
        var scanned = 0;
        while (scanned < ReconcileScanLimit)
        {
            var page = await client.ListAsync(100, after, VideoListOrder.Descending, cancellationToken).ConfigureAwait(false);
            foreach (var video in page.Data)
            {
                scanned++;
                if (video.CreatedAt is { } created && created < since)
                {
                    return null; // newest first: everything after this is older than the attempt
                }

                // Gateways may leave fields out; a field that is present must match.
                if (video.Prompt == request.Prompt
                    && (video.Model is null || video.Model == request.Model)
                    && (video.Size is null || video.Size == size)
                    && (video.Seconds is null || video.Seconds == seconds)
                    && (request.RemixOfJobId is null || video.RemixedFromVideoId == request.RemixOfJobId))
                {
                    _logger.LogInformation("Clip {ClipId}: found job {VideoId} from an interrupted submission; not submitting again", request.ClipId, video.Id);
                    return new GenerationJob(request.ClipId, video.Id);
                }
            }

            if (!page.HasMore || page.LastId is null)
            {
                return null;
            }

            after = page.LastId;
        }

        return null;
    }
}