using System.Globalization;

using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Planning;
using Recreation.Generation;
using Recreation.Generation.Providers;
using Recreation.Media.Probing;
using Recreation.Media.Validation;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Running;

/// <summary>What a run may pay for again, only because the user asked.</summary>
internal sealed record GenerationPolicy(bool RetryFailed, bool RegenerateExpired, bool ResubmitInDoubt = false);

/// <summary>
/// Takes one clip from planned to downloaded: reuse the cached file when its key matches, resume a
/// saved job id, reconcile an interrupted submission, or submit, await and fetch; then validate the
/// file. Every step is written to the ledger before the next begins, so a crash anywhere costs at
/// most a repeated poll or download, never a second paid job:
/// <list type="bullet">
/// <item>a saved job id is polled, never created again;</item>
/// <item>"submitting" with no id (the answer to create was lost) is recovered as the provider
/// declares (<see cref="LostCreateRecovery"/>): looked up through its list before anything is sent,
/// resent under the same idempotency key, or, where it has neither, marked <em>in doubt</em> and not
/// sent again unless the user asks (<see cref="GenerationPolicy.ResubmitInDoubt"/>);</item>
/// <item>a create that failed in a way that proves no job exists (<see cref="SubmissionRefusedException"/>)
/// leaves nothing in flight, so the next run sends it again without asking;</item>
/// <item>a job the server failed, or a paid video that expired, is resubmitted only when the user
/// asks (<see cref="GenerationPolicy"/>), under a new idempotency key.</item>
/// </list>
/// </summary>
internal sealed partial class ClipGeneration(
    IClipProvider provider,
    IClipGenerator generator,
    MediaValidator validator,
    RunWorkspace workspace,
    RunLedger ledger,
    Budget budget,
    GenerationPolicy policy,
    TimeProvider time,
    ILogger logger,
    Action<MediaInfo> probed,
    Func<Func<Task<MediaValidationResult>>, Task<MediaValidationResult>>? inMediaSlot = null)
{
    /// <summary>How many times a damaged download is fetched again before the clip is reported (the job is kept).</summary>
    private const int DownloadAttempts = 3;

    /// <summary>Clock skew allowed between this machine and the server when reconciling by creation time.</summary>
    private static readonly TimeSpan ReconcileSlack = TimeSpan.FromMinutes(10);

    public async Task<ClipRecord> RunAsync(ClipPlan clip, ClipRequest request, decimal estimatedUsd, bool force, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var file = Path.Combine(workspace.ClipsFolder, request.CacheKey + ".mp4");
        var record = ledger.Find(clip.Id);
        if (record is null || record.CacheKey != request.CacheKey || force)
        {
            // A new clip, or one whose inputs changed: what the ledger said about the old one no longer
            // applies, except what it cost. --force on the same inputs is a deliberate new job.
            var round = record is not null && record.CacheKey == request.CacheKey ? record.Round + 1 : 0;
            var carried = record is null ? 0 : Budget.CarriedOver(record, provider.Capabilities);
            record = ledger.Save(new ClipRecord
            {
                Id = clip.Id,
                CacheKey = request.CacheKey,
                Seconds = clip.Seconds,
                EstimatedUsd = estimatedUsd,
                Round = round,
                EarlierSpentUsd = carried,
            });
        }

        if (!force && record.SelectedTake is not null && record.File is { } take && File.Exists(workspace.Resolve(take)) && await IsUsableAsync(workspace.Resolve(take), clip, cancellationToken))
        {
            // A retake chosen with 'recreate retake': the stitch uses it instead of the first generation.
            logger.LogInformation("Clip {ClipId}: using take {Take}", clip.Id, record.SelectedTake);
            progress.Report(1);
            return ledger.Update(clip.Id, r => r with { State = r.State == ClipState.Conformed ? ClipState.Conformed : ClipState.Downloaded, CacheHit = true, Error = null });
        }

        if (!force && File.Exists(file) && await IsUsableAsync(file, clip, cancellationToken))
        {
            logger.LogInformation("Clip {ClipId}: cached ({CacheKey})", clip.Id, request.CacheKey[..12]);
            progress.Report(1);
            var conformedStillValid = record.State == ClipState.Conformed && record.File == workspace.Relative(file);
            return ledger.Update(clip.Id, r => r with
            {
                State = conformedStillValid ? ClipState.Conformed : ClipState.Downloaded,
                File = workspace.Relative(file),
                CacheHit = true,
                Error = null,
            });
        }

        record = StartNewRoundIfAsked(clip, record);
        request = request with { IdempotencyKey = record.Round == 0 ? request.CacheKey : $"{request.CacheKey}-r{record.Round.ToString(CultureInfo.InvariantCulture)}" };
        var job = await JobForAsync(clip, request, record, cancellationToken);

        var outcome = await generator.AwaitAsync(job, new Progress<double>(f => progress.Report(f * 0.8)), cancellationToken);
        if (!outcome.Completed)
        {
            throw NotGenerated(clip, record, job, outcome);
        }

        // Billed per generated second, so a completed job costs what was estimated.
        ledger.Update(clip.Id, r => r with { State = ClipState.Completed, SpentUsd = r.SpentUsd == 0 ? r.EstimatedUsd : r.SpentUsd, Error = null });
        var validation = await FetchValidAsync(clip, job, request, file, progress, cancellationToken);
        probed(validation.Info!);

        progress.Report(1);
        logger.LogInformation("Clip {ClipId}: generated {Seconds} s", clip.Id, clip.Seconds);
        return ledger.Update(clip.Id, r => r with { State = ClipState.Downloaded, File = workspace.Relative(file), CacheHit = false, Error = null });
    }

    /// <summary>
    /// Refuses to pay again for a failed or expired job unless asked; when asked (or when the clip
    /// costs nothing), opens a new round (a new idempotency key).
    /// </summary>
    private ClipRecord StartNewRoundIfAsked(ClipPlan clip, ClipRecord record)
    {
        var paid = record.EstimatedUsd > 0;
        if (record.JobFailed)
        {
            if (!policy.RetryFailed && paid)
            {
                // The same words as when it failed (they carry the server's reason and the advice).
                throw new RecreationException(record.Error ?? $"Clip {clip.Id} failed on the server earlier; run again with --retry-failed to submit it again (a new paid job).", ExitCodes.RunFailed);
            }

            logger.LogInformation("Clip {ClipId}: submitting again after a failed job (--retry-failed)", clip.Id);
            return ledger.Update(clip.Id, NextRound);
        }

        if (record.Expired)
        {
            if (!policy.RegenerateExpired && paid)
            {
                throw new RecreationException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Clip {clip.Id}: the video of job {record.JobId} expired before it was downloaded (${record.SpentUsd:0.00} was paid for it). Run again with --regenerate-expired to generate it again (a new paid job)."),
                    ExitCodes.RunFailed);
            }

            logger.LogInformation("Clip {ClipId}: generating again after its video expired (--regenerate-expired)", clip.Id);
            return ledger.Update(clip.Id, NextRound);
        }

        return record;
    }

    private static ClipRecord NextRound(ClipRecord r) => r with
    {
        State = ClipState.Planned,
        Round = r.Round + 1,
        JobId = null,
        SubmittingAt = null,
        JobFailed = false,
        Expired = false,
        EarlierSpentUsd = r.EarlierSpentUsd + r.SpentUsd,
        SpentUsd = 0,
        Error = null,
    };

    /// <summary>Downloads the finished clip, fetching it again when it arrives damaged (truncated, undecodable).</summary>
    private async Task<MediaValidationResult> FetchValidAsync(ClipPlan clip, GenerationJob job, ClipRequest request, string file, IProgress<double> progress, CancellationToken cancellationToken)
    {
        // A clip rendered here is not decoded again; a downloaded one is (mid-file damage shows only there).
        var decode = provider.Capabilities.RendersLocally ? DecodeCheck.None : DecodeCheck.Quick;
        MediaValidationResult? validation = null;
        for (var attempt = 1; attempt <= DownloadAttempts; attempt++)
        {
            try
            {
                await generator.FetchAsync(job, request, file, new Progress<double>(f => progress.Report(0.8 + (f * 0.2))), cancellationToken);
            }
            catch (ClipExpiredException e)
            {
                var spent = ledger.Update(clip.Id, r => r with { State = ClipState.Failed, Expired = true, Error = e.Message }).SpentUsd;
                throw new RecreationException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Clip {clip.Id}: {e.Message} ${spent:0.00} was paid for it. Run again with --regenerate-expired to generate it again (a new paid job)."),
                    ExitCodes.RunFailed, isFatal: false, e);
            }

            validation = await InMediaSlot(() => validator.ValidateAsync(new MediaValidationRequest(file) { Label = clip.Id, MinimumDuration = TimeSpan.FromMilliseconds(clip.ShareMs), Decode = decode }, cancellationToken));
            if (validation.IsValid)
            {
                return validation;
            }

            File.Delete(file);
            logger.LogWarning("Clip {ClipId}: download {Attempt} of job {JobId} is damaged ({Problems}); fetching it again", clip.Id, attempt, job.JobId, string.Join("; ", validation.Problems));
        }

        throw new RecreationException(
            $"Clip {clip.Id} arrived damaged {DownloadAttempts} times: {string.Join("; ", validation!.Problems)}. Its job {job.JobId} is kept: run again to download it again (nothing is paid again).",
            ExitCodes.RunFailed);
    }

    private async Task<bool> IsUsableAsync(string file, ClipPlan clip, CancellationToken cancellationToken)
    {
        var result = await InMediaSlot(() => validator.ValidateAsync(new MediaValidationRequest(file) { Label = clip.Id, MinimumDuration = TimeSpan.FromMilliseconds(clip.ShareMs), Decode = DecodeCheck.None }, cancellationToken));
        if (result.IsValid)
        {
            probed(result.Info!);
        }
        else
        {
            logger.LogWarning("Clip {ClipId}: cached file is unusable ({Problems}); generating it again", clip.Id, string.Join("; ", result.Problems));
        }

        return result.IsValid;
    }

    /// <summary>A check of a file inside the run's media slots when it has them (see <see cref="RunWorkers.ValidationSlot"/>).</summary>
    private Task<MediaValidationResult> InMediaSlot(Func<Task<MediaValidationResult>> check) => inMediaSlot is null ? check() : inMediaSlot(check);
}