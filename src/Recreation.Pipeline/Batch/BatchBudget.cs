using System.Globalization;

using Recreation.Core;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;

namespace Recreation.Pipeline.Batch;

/// <summary>
/// One budget over every run of a batch: what all the items' workspaces have spent or have in
/// flight. Each run's check before a paid submission (<see cref="Budget.Reserve"/>) also asks this
/// one, under one lock, so parallel runs cannot together cross it; once it refuses, no run of the
/// batch submits anything more. Items not started yet count with what their ledgers held at the start.
/// </summary>
public sealed class BatchBudget
{
    private readonly Dictionary<string, Func<decimal>> _committed = new(StringComparer.Ordinal);

    public BatchBudget(decimal maxUsd) => MaxUsd = maxUsd;

    public decimal MaxUsd { get; }

    /// <summary>A submission was refused: the batch stopped submitting.</summary>
    public bool Stopped { get; private set; }

    internal Lock Gate { get; } = new();

    /// <summary>Spent plus in flight over every workspace of the batch.</summary>
    public decimal Committed
    {
        get
        {
            lock (Gate)
            {
                return _committed.Values.Sum(f => f());
            }
        }
    }

    /// <summary>What a workspace had committed before the batch began (from its ledger on disk).</summary>
    public void Baseline(string workspace, decimal committedUsd)
    {
        lock (Gate)
        {
            _committed.TryAdd(workspace, () => committedUsd);
        }
    }

    /// <summary>From now on the workspace counts with its live ledger.</summary>
    internal void Attach(string workspace, RunLedger ledger)
    {
        lock (Gate)
        {
            _committed[workspace] = () => Budget.Committed(ledger.All);
        }
    }

    /// <summary>Throws (exit code 3) when <paramref name="estimateUsd"/> more would cross the batch budget. Call holding <see cref="Gate"/>.</summary>
    internal void Check(decimal estimateUsd)
    {
        var committed = _committed.Values.Sum(f => f());
        if (Stopped || committed + estimateUsd > MaxUsd)
        {
            Stopped = true;
            throw new RecreationException(
                string.Create(CultureInfo.InvariantCulture,
                    $"Not submitted: the batch has ${committed:0.00} spent or in flight, and this clip's ${estimateUsd:0.00} would cross the batch budget of ${MaxUsd:0.00}. Raise --max-cost and run the batch again to go on."),
                ExitCodes.RefusedByBudget);
        }
    }
}