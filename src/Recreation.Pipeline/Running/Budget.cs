using System.Globalization;

using Recreation.Core;
using Recreation.Generation.Providers;
using Recreation.Pipeline.Ledger;

namespace Recreation.Pipeline.Running;

/// <summary>
/// Keeps a run's paid jobs under the budget. What counts is everything the workspace has committed:
/// money spent on completed jobs (including earlier versions of a clip) plus the estimate of every
/// job that may be running (submitting or submitted, not yet completed or failed). A new job is
/// reserved under a lock by saving its "submitting" state, so parallel clips cannot together cross
/// the budget; once one is refused, no further job is submitted in this run.
/// </summary>
internal sealed class Budget(decimal? maxUsd, RunLedger ledger, Batch.BatchBudget? batch = null)
{
    private readonly Lock _gate = new();

    public decimal? MaxUsd => maxUsd;

    /// <summary>A submission was refused: the run stopped submitting.</summary>
    public bool Stopped { get; private set; }

    /// <summary>A job that may be running and is not counted as spent yet (in-doubt clips included).</summary>
    public static bool InFlight(ClipRecord record) =>
        record.SpentUsd == 0 && !record.JobFailed && !record.Expired
        && (record.State is ClipState.Submitting or ClipState.Submitted or ClipState.InDoubt || (record.State == ClipState.Failed && (record.JobId is not null || record.SubmittingAt is not null)));

    /// <summary>A create was sent and its answer lost: a job may exist (and cost its estimate) or not.</summary>
    public static bool InDoubt(ClipRecord record) => record.JobId is null && record.SubmittingAt is not null && !record.JobFailed && !record.Expired;

    /// <summary>
    /// What a record leaves spent or at risk when the clip starts over (new inputs, <c>--force</c>,
    /// <c>--resubmit-in-doubt</c>): on a provider where a lost create is in doubt, that job counts as
    /// if it ran, since no one can tell that it did not.
    /// </summary>
    public static decimal CarriedOver(ClipRecord record, ProviderCapabilities provider) =>
        CarriedOver(record, lostJobAtRisk: AtRisk(record, provider));

    /// <summary>As above, when the caller already knows whether a lost create's job is at risk (a clip it is resending as in doubt).</summary>
    public static decimal CarriedOver(ClipRecord record, bool lostJobAtRisk) =>
        record.EarlierSpentUsd + record.SpentUsd + (lostJobAtRisk && InDoubt(record) && record.SpentUsd == 0 ? record.EstimatedUsd : 0m);

    /// <summary>
    /// A lost create no one can settle: on a provider with no way to find the job, or one whose list
    /// could not tell (the clip was marked in doubt). Its job may have run, so its estimate is at risk.
    /// </summary>
    public static bool AtRisk(ClipRecord record, ProviderCapabilities provider) =>
        InDoubt(record) && (provider.LostCreateIsInDoubt || record.State == ClipState.InDoubt);

    /// <summary>Spent plus in flight, over every record of the workspace.</summary>
    public static decimal Committed(IEnumerable<ClipRecord> records) =>
        records.Sum(r => r.EarlierSpentUsd + r.SpentUsd + (InFlight(r) ? r.EstimatedUsd : 0m));

    /// <summary>
    /// Saves <paramref name="submitting"/> (the clip's "submitting" state) if its
    /// <paramref name="estimateUsd"/> fits; otherwise throws a <see cref="RecreationException"/> with
    /// exit code 3 and submits nothing more in this run.
    /// </summary>
    public ClipRecord Reserve(string clipId, decimal estimateUsd, Func<ClipRecord, ClipRecord> submitting)
    {
        if (batch is null || estimateUsd <= 0)
        {
            return ReserveInRun(clipId, estimateUsd, submitting);
        }

        // The batch's lock around the run's: the check and the "submitting" save are one step for every run of the batch.
        lock (batch.Gate)
        {
            try
            {
                batch.Check(estimateUsd);
            }
            catch (RecreationException)
            {
                Stopped = true;
                throw;
            }

            return ReserveInRun(clipId, estimateUsd, submitting);
        }
    }

    private ClipRecord ReserveInRun(string clipId, decimal estimateUsd, Func<ClipRecord, ClipRecord> submitting)
    {
        lock (_gate)
        {
            if (maxUsd is { } max && estimateUsd > 0)
            {
                var committed = Committed(ledger.All);
                if (Stopped || committed + estimateUsd > max)
                {
                    Stopped = true;
                    throw new RecreationException(
                        string.Create(CultureInfo.InvariantCulture,
                            $"Not submitted: ${committed:0.00} spent or in flight plus this clip's ${estimateUsd:0.00} would cross the budget of ${max:0.00}. Raise --max-cost (or target.max_cost_usd) and run again to go on."),
                        ExitCodes.RefusedByBudget);
                }
            }

            return ledger.Update(clipId, submitting);
        }
    }
}