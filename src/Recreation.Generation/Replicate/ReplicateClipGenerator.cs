using System.Text.Json.Nodes;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core.Profiles;
using Recreation.Generation.Aggregators;
using Recreation.Generation.Http;

namespace Recreation.Generation.Replicate;

/// <summary>
/// The <c>replicate</c> backend's generator: one clip is one prediction of the profile's model, with
/// the input its <see cref="InputMapping"/> builds (<see cref="ModelInputs"/>; the first frame as a
/// data URI, which Replicate takes for files). Submit sends the create once; when its answer is lost it
/// waits <see cref="ReplicateOptions.ReconcileDelay"/> and looks in the prediction list: found, that
/// prediction is the clip's job (nothing new is created); proved absent, the create never arrived and
/// is sent again (at most <see cref="ReplicateOptions.LostCreateResends"/> times); undecided, the clip
/// is in doubt (<see cref="LostCreateUndecidedException"/>); the list unreachable, the lost answer
/// propagates and the next run reconciles again before anything is resent. Await maps
/// <c>succeeded</c> to completed and <c>failed</c>/<c>canceled</c>/<c>aborted</c> to failed by the
/// service with its words (<c>(E005)</c>: flagged as sensitive); a prediction Replicate no longer
/// knows is expired. Fetch downloads the output at once (outputs are deleted after an hour).
/// </summary>
public sealed class ReplicateClipGenerator(ReplicateClient client, ModelProfile profile, ILogger<ReplicateClipGenerator>? logger = null) : IClipGenerator
{
    /// <summary>How far Replicate's clock may be behind ours: predictions created this much before the attempt started still count.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    private readonly ILogger _logger = logger ?? (ILogger)NullLogger.Instance;
    private readonly InputMapping _inputs = profile.Inputs ?? throw new ArgumentException($"The profile '{profile.Name}' has no inputs: mapping.", nameof(profile));

    public async Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ReplicateModel model;
        JsonObject input;
        try
        {
            model = ReplicateModel.Parse(profile.ModelId);
            input = await InputAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            // Checked before anything was sent.
            throw new SubmissionRefusedException($"Clip {request.ClipId}: {e.Message}", invalidInput: true, innerException: e);
        }

        var started = client.Time.GetUtcNow();
        for (var resend = 0; ; resend++)
        {
            try
            {
                var prediction = await client.CreateAsync(model, input, cancellationToken).ConfigureAwait(false);
                return new GenerationJob(request.ClipId, prediction.Id);
            }
            catch (ServiceApiException e) when (!e.IsInDoubt)
            {
                throw new SubmissionRefusedException(e.Message, e.IsInputRefused, e.IsFatal, e);
            }
            catch (ServiceApiException lost) when (lost.IsInDoubt)
            {
                var found = await FindAfterLostAnswerAsync(request, model, input, started, lost, cancellationToken).ConfigureAwait(false);
                if (found is not null)
                {
                    return found;
                }

                if (resend >= client.Options.LostCreateResends)
                {
                    throw;
                }

                _logger.LogWarning("Clip {ClipId}: the create's answer was lost and Replicate's list shows no such prediction, so it never arrived; sending it again", request.ClipId);
            }
        }
    }

    public async Task<JobOutcome> AwaitAsync(GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        try
        {
            var prediction = await client.WaitAsync(job.JobId, progress, cancellationToken).ConfigureAwait(false);
            var outcome = Outcome(prediction);
            if (!outcome.Completed)
            {
                _logger.LogWarning("Clip {ClipId}: Replicate prediction {PredictionId} ended without a video: {Reason}", job.ClipId, job.JobId, outcome.FailureReason);
            }

            return outcome;
        }
        catch (ServiceApiException e) when (e.StatusCode == 404)
        {
            return JobOutcome.Expired($"the prediction {job.JobId} is not known to Replicate any more");
        }
    }

    /// <summary>What a finished prediction means for the clip.</summary>
    public static JobOutcome Outcome(ReplicatePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return prediction.Status switch
        {
            ReplicatePrediction.Succeeded when prediction.VideoUrl is not null => JobOutcome.Success,
            ReplicatePrediction.Succeeded when prediction.DataRemoved => JobOutcome.Expired($"prediction {prediction.Id} succeeded but its output was removed (API predictions keep it for an hour)"),
            ReplicatePrediction.Succeeded => JobOutcome.Failed($"prediction {prediction.Id} succeeded but its output holds no file URL"),
            ReplicatePrediction.Failed when IsSafety(prediction.Error) => JobOutcome.Failed($"flagged as sensitive by Replicate: {prediction.Error}"),
            ReplicatePrediction.Failed => JobOutcome.Failed(prediction.Error ?? $"prediction {prediction.Id} failed without a reason"),
            ReplicatePrediction.Canceled => JobOutcome.Failed($"prediction {prediction.Id} was canceled on Replicate"),
            _ => JobOutcome.Failed($"prediction {prediction.Id} was {prediction.Status} by Replicate{(prediction.Error is { } error ? $": {error}" : "")}"),
        };
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
            throw new ClipExpiredException($"The output of Replicate prediction {job.JobId} is gone (outputs of API predictions are deleted an hour after they end).", e);
        }
    }

    /// <summary>The prediction an earlier create of this clip made since <paramref name="since"/>, from the list; null when the list proves there is none.</summary>
    public async Task<GenerationJob?> FindSubmittedAsync(ClipRequest request, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var found = await client.FindAsync(ReplicateModel.Parse(profile.ModelId), await InputAsync(request, cancellationToken).ConfigureAwait(false), since, cancellationToken).ConfigureAwait(false);
        return found is null ? null : new GenerationJob(request.ClipId, found.Id);
    }

    /// <summary>Replicate's code for "flagged as sensitive" is E005 (its error codes page); the words are a fallback.</summary>
    private static bool IsSafety(string? error) =>
        error is not null && (error.Contains("E005", StringComparison.Ordinal) || error.Contains("flagged as sensitive", StringComparison.OrdinalIgnoreCase) || error.Contains("NSFW", StringComparison.Ordinal));

    private async Task<JsonObject> InputAsync(ClipRequest request, CancellationToken cancellationToken)
    {
        var firstFrame = request.InputImagePath is null || _inputs.FirstFrameField is null
            ? null
            : await DataUri.FromImageAsync(request.InputImagePath, cancellationToken).ConfigureAwait(false);
        return ModelInputs.Build(_inputs, request, firstFrame);
    }

    /// <summary>
    /// After a lost create answer: the prediction it made, or null when the list proves it made none.
    /// Undecided, <see cref="ReplicateReconcileException"/> (the clip is in doubt); the list
    /// unreachable, the lost answer is rethrown (the next run looks again).
    /// </summary>
    private async Task<GenerationJob?> FindAfterLostAnswerAsync(ClipRequest request, ReplicateModel model, JsonObject input, DateTimeOffset started, ServiceApiException lost, CancellationToken cancellationToken)
    {
        _logger.LogWarning("Clip {ClipId}: the answer to its create was lost; looking for the prediction in Replicate's list", request.ClipId);
        try
        {
            await Task.Delay(client.Options.ReconcileDelay, client.Time, cancellationToken).ConfigureAwait(false);
            var found = await client.FindAsync(model, input, started - ClockSkew, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return null;
            }

            _logger.LogInformation("Clip {ClipId}: its lost create had made prediction {PredictionId}; using it", request.ClipId, found.Id);
            return new GenerationJob(request.ClipId, found.Id);
        }
        catch (ReplicateReconcileException e)
        {
            // The list was read and cannot tell: a rerun would read the same list, so the clip is in doubt now.
            _logger.LogWarning("Clip {ClipId}: the list cannot tell whether the lost create made a prediction ({Reason})", request.ClipId, e.Message);
            throw new ReplicateReconcileException($"{lost.Message} {e.Message}");
        }
        catch (ServiceApiException e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning("Clip {ClipId}: the list could not settle it ({Reason}); the next run looks again before anything is sent", request.ClipId, e.Message);
            throw new ServiceApiException($"{lost.Message} Replicate's list could not settle it: {e.Message}", null, isTransient: false, isFatal: false, isInDoubt: true, innerException: lost);
        }
    }
}