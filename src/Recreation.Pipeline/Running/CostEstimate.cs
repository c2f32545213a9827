using System.Globalization;

using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Running;

/// <summary>
/// What a run is expected to cost before it sends anything: the plan's whole estimate, the part
/// still to be paid (clips with no paid or running job in the workspace's ledger), and what the
/// workspace has already spent or has in flight.
/// </summary>
/// <param name="PlanUsd">Every clip of the plan at the profile's price.</param>
/// <param name="ToSpendUsd">The clips this run expects to submit.</param>
/// <param name="CommittedUsd">Spent plus in flight in the workspace so far (all versions of all clips).</param>
public sealed record CostEstimate(decimal PlanUsd, decimal ToSpendUsd, int ClipsToSubmit, decimal CommittedUsd, decimal? MaxUsd)
{
    public bool ExceedsBudget => MaxUsd is { } max && CommittedUsd + ToSpendUsd > max;

    /// <summary>USD per generated second for the scene's model and size on <paramref name="backend"/> (0 when it costs nothing).</summary>
    public static decimal PricePerSecond(CompiledScene scene, Backend backend) =>
        backend == Backend.OpenAI ? scene.File.Profile.FindSize(scene.File.Target.Size)?.UsdPerSecond ?? 0m : 0m;

    /// <summary>Reads the workspace's ledger (if any) without creating or locking anything.</summary>
    public static CostEstimate For(CompiledScene scene, RunOptions options)
    {
        var backend = options.Backend ?? scene.File.Target.Backend;
        var price = PricePerSecond(scene, backend);
        var max = options.MaxCostUsd ?? scene.File.Target.MaxCostUsd;
        var ledgerPath = Path.Combine(RunOrchestrator.WorkspaceFor(scene, options), RunWorkspace.LedgerFileName);
        var records = File.Exists(ledgerPath) ? RunLedger.Open(ledgerPath).All : [];
        var byId = records.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var toSpend = 0m;
        var clips = 0;
        foreach (var clip in scene.Plan.Clips)
        {
            if (NeedsNewJob(byId.GetValueOrDefault(clip.Id), options))
            {
                toSpend += clip.Seconds * price;
                clips++;
            }
        }

        return new CostEstimate(scene.Plan.Clips.Sum(c => c.Seconds * price), toSpend, clips, Budget.Committed(records), max);
    }

    /// <summary>The sentence that goes before the first request.</summary>
    public string Describe()
    {
        var budget = MaxUsd is { } max ? string.Create(CultureInfo.InvariantCulture, $", budget ${max:0.00}") : ", no budget set (--max-cost)";
        return string.Create(CultureInfo.InvariantCulture,
            $"estimated cost ${PlanUsd:0.00}; {ClipsToSubmit} clip(s) to submit for ${ToSpendUsd:0.00}, ${CommittedUsd:0.00} already spent or in flight{budget}");
    }

    /// <summary>The refusal when <see cref="ExceedsBudget"/> (exit code 3), before anything is sent or written.</summary>
    public RecreationException Refusal() => new(
        string.Create(CultureInfo.InvariantCulture,
            $"Refusing to start: {ClipsToSubmit} clip(s) to submit for ${ToSpendUsd:0.00} plus ${CommittedUsd:0.00} already spent or in flight would cross the budget of ${MaxUsd:0.00}. Raise --max-cost (or target.max_cost_usd), or shorten the plan ('recreate plan' shows each clip's cost). Nothing was sent."),
        ExitCodes.RefusedByBudget);

    private static bool NeedsNewJob(ClipRecord? record, RunOptions options) => record switch
    {
        null => true,
        _ when options.Force => true,
        { JobFailed: true } => options.RetryFailed,
        { Expired: true } => options.RegenerateExpired,
        _ when record.SpentUsd > 0 || Budget.InFlight(record) => false,
        _ => true,
    };
}