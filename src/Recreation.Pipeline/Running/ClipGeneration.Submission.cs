using System.Globalization;

using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Planning;
using Recreation.Generation;
using Recreation.Generation.Providers;
using Recreation.Pipeline.Ledger;

namespace Recreation.Pipeline.Running;

/// <summary>How a clip gets its job, and what the run says when a job did not complete.</summary>
internal sealed partial class ClipGeneration
{
    /// <summary>The clip's job: the saved one, one recovered after an interrupted submission, or a new one.</summary>
    private async Task<GenerationJob> JobForAsync(ClipPlan clip, ClipRequest request, ClipRecord record, CancellationToken cancellationToken)
    {
        var capabilities = provider.Capabilities;
        if (capabilities.MadeByHand)
        {
            // Nothing is submitted when a person makes the clips: the generator reports the clip
            // missing. The ledger keeps no attempt for it.
            return await generator.SubmitAsync(request, cancellationToken);
        }

        if (record.JobId is { } savedId)
        {
            logger.LogInformation("Clip {ClipId}: resuming job {JobId}", clip.Id, savedId);
            return new GenerationJob(clip.Id, savedId);
        }

        if (record.SubmittingAt is { } attempted)
        {
            if (await RecoverLostCreateAsync(clip, request, attempted, cancellationToken) is { } found)
            {
                return found;
            }
        }

        budget.Reserve(clip.Id, record.EstimatedUsd, r => r with { State = ClipState.Submitting, SubmittingAt = time.GetUtcNow(), Attempts = r.Attempts + 1, Error = null });
        GenerationJob job;
        try
        {
            job = await generator.SubmitAsync(request, cancellationToken);
        }
        catch (SubmissionRefusedException)
        {
            // The failure proves that no job exists: nothing is in flight, and the next run sends it
            // again without asking.
            ledger.Update(clip.Id, r => r with { SubmittingAt = null });
            throw;
        }
        catch (LostCreateUndecidedException e)
        {
            // The generator knows that nothing can settle this lost answer later (its service keeps no
            // list it could be found in): in doubt now rather than on the next run.
            throw InDoubt(clip, $"; {e.Message.TrimEnd('.')}");
        }
        catch (Exception e) when (capabilities.LostCreateIsInDoubt && IsLostAnswer(e, cancellationToken))
        {
            // The request may have reached the service and only its answer was lost. (Cancelled, the
            // ledger stays "submitting" and the next run finds the clip in doubt the same way.)
            throw InDoubt(clip, $" ({e.Message}), and {provider.Name} offers no way to find out whether the job exists");
        }
        catch (Exception e) when (e is not RecreationException && IsLostAnswer(e, cancellationToken))
        {
            // The answer was lost on the way back; the ledger stays "submitting" and the next run
            // recovers it as the provider can (its list, its idempotency key). Only this clip fails.
            throw new RecreationException(
                $"Clip {clip.Id}: the answer to its create was lost ({e.Message}). A job may exist: the next run looks for it before sending anything again.",
                ExitCodes.RunFailed, isFatal: false, e);
        }

        ledger.Update(clip.Id, r => r with { State = ClipState.Submitted, JobId = job.JobId });
        logger.LogInformation("Clip {ClipId}: submitted as job {JobId}", clip.Id, job.JobId);
        return job;
    }

    /// <summary>
    /// Whether a create's failure (other than <see cref="SubmissionRefusedException"/>, caught before)
    /// means its answer was lost. By <see cref="IClipGenerator.SubmitAsync"/>'s contract it does,
    /// whatever the provider's transport threw (an IOException, a client timeout, a reset socket): the
    /// pipeline names no HTTP type. Only the run's own cancellation is not: the ledger stays
    /// "submitting" and the next run recovers the clip the same way.
    /// </summary>
    private static bool IsLostAnswer(Exception e, CancellationToken cancellationToken) =>
        !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>
    /// An earlier create's answer was lost (the ledger says "submitting" with no job id). Returns the
    /// job found in the provider's list, or null to send the create again (under the same
    /// idempotency key where the provider takes one); on a provider that can do neither, or whose list
    /// cannot tell (<see cref="LostCreateUndecidedException"/>), the clip is in doubt and is sent again
    /// only with <see cref="GenerationPolicy.ResubmitInDoubt"/>.
    /// </summary>
    private async Task<GenerationJob?> RecoverLostCreateAsync(ClipPlan clip, ClipRequest request, DateTimeOffset attempted, CancellationToken cancellationToken)
    {
        var capabilities = provider.Capabilities;
        if (capabilities.LostCreateRecovery.HasFlag(LostCreateRecovery.ListReconciliation))
        {
            GenerationJob? found;
            try
            {
                found = await generator.FindSubmittedAsync(request, attempted - ReconcileSlack, cancellationToken);
            }
            catch (LostCreateUndecidedException undecided)
            {
                return ResubmitInDoubt(clip, $"; {provider.Name}'s list cannot tell whether the job exists: {undecided.Message.TrimEnd('.')}");
            }

            if (found is not null)
            {
                ledger.Update(clip.Id, r => r with { State = ClipState.Submitted, JobId = found.JobId });
                logger.LogInformation("Clip {ClipId}: an interrupted submission had created job {JobId}; resuming it", clip.Id, found.JobId);
                return found;
            }

            logger.LogInformation("Clip {ClipId}: an interrupted submission left no job in the {Provider} list; sending it again{Key}", clip.Id, provider.Name,
                capabilities.LostCreateRecovery.HasFlag(LostCreateRecovery.IdempotencyKey) ? " with the same idempotency key" : "");
            return null;
        }

        if (!capabilities.LostCreateIsInDoubt)
        {
            logger.LogInformation("Clip {ClipId}: an interrupted submission is sent again{Key}", clip.Id,
                capabilities.LostCreateRecovery.HasFlag(LostCreateRecovery.IdempotencyKey) ? " with the same idempotency key" : " (it costs nothing)");
            return null;
        }

        return ResubmitInDoubt(clip, $", and {provider.Name} offers no way to find out whether the job exists");
    }

    /// <summary>
    /// A clip whose lost create no one can settle: marked in doubt (thrown), or, when the user asked
    /// (<c>--resubmit-in-doubt</c>), null to send it again with the lost job counted as spent (no one
    /// can tell that it did not run).
    /// </summary>
    private GenerationJob? ResubmitInDoubt(ClipPlan clip, string why)
    {
        if (!policy.ResubmitInDoubt)
        {
            throw InDoubt(clip, why);
        }

        ledger.Update(clip.Id, r => r with
        {
            EarlierSpentUsd = Budget.CarriedOver(r, lostJobAtRisk: true),
            SubmittingAt = null,
            State = ClipState.Planned,
            Error = null,
        });
        logger.LogWarning("Clip {ClipId}: its earlier create is in doubt; sending it again as asked (--resubmit-in-doubt): if the lost job ran, this clip is paid twice", clip.Id);
        return null;
    }

    /// <summary>Marks the clip in doubt in the ledger and says what is at risk and where to look; <paramref name="why"/> says why no one can tell.</summary>
    private ClipInDoubtException InDoubt(ClipPlan clip, string why)
    {
        var record = ledger.Find(clip.Id)!;
        var where = provider.Capabilities.Dashboard ?? $"the {provider.Name} dashboard";
        var sent = string.Create(CultureInfo.InvariantCulture, $"Clip {clip.Id}: its create was sent to {provider.Name} at {record.SubmittingAt:u} but the answer was lost{why}. ");
        var risk = string.Create(CultureInfo.InvariantCulture, $"${record.EstimatedUsd:0.00} is at risk and counted against the budget. It is not sent again on its own: look for it in {where}; ");
        var message = sent + risk + "if it is not there, run again with --resubmit-in-doubt (if it ran after all, that is a second paid job).";
        ledger.Update(clip.Id, r => r with { State = ClipState.InDoubt, Error = message });
        logger.LogWarning("Clip {ClipId} is in doubt: {Message}", clip.Id, message);
        return new ClipInDoubtException(clip.Id, message);
    }

    /// <summary>Records a job that ended without a video and says what the user can do.</summary>
    private RecreationException NotGenerated(ClipPlan clip, ClipRecord record, GenerationJob job, JobOutcome outcome)
    {
        var paid = record.EstimatedUsd > 0;
        switch (outcome.Kind)
        {
            case JobOutcomeKind.Expired:
                {
                    // The job ran (and is billed per generated second) but its output is gone.
                    var spent = ledger.Update(clip.Id, r => r with { State = ClipState.Failed, Expired = true, SpentUsd = r.SpentUsd == 0 ? r.EstimatedUsd : r.SpentUsd, Error = outcome.FailureReason }).SpentUsd;
                    return new RecreationException(
                        string.Create(CultureInfo.InvariantCulture,
                            $"Clip {clip.Id}: job {job.JobId} expired before its video was fetched ({outcome.FailureReason}); ${spent:0.00} was paid for it. Run again with --regenerate-expired to generate it again (a new paid job)."),
                        ExitCodes.RunFailed);
                }

            case JobOutcomeKind.RefusedAsInvalid:
                ledger.Update(clip.Id, r => r with { State = ClipState.Failed, JobFailed = true, Error = outcome.FailureReason });
                return new RecreationException(
                    $"Clip {clip.Id} was refused by {provider.Name} as invalid input: {outcome.FailureReason}. Change the scene (its prompt, image or length) and run again; sent unchanged it would be refused again.",
                    ExitCodes.RunFailed);

            default:
                {
                    ledger.Update(clip.Id, r => r with { State = ClipState.Failed, JobFailed = true, Error = outcome.FailureReason });
                    var advice = paid ? ". Nothing was spent on it; run again with --retry-failed to submit it again (a new paid job)" : "";
                    return new RecreationException($"Clip {clip.Id} was not generated: {outcome.FailureReason}{advice}", ExitCodes.RunFailed);
                }
        }
    }
}