using System.Globalization;

using Recreation.Core;
using Recreation.Generation.Providers;
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

    /// <summary>USD per generated second for the scene's model and size on a provider with <paramref name="provider"/>'s capabilities (0 when it costs nothing).</summary>
    public static decimal PricePerSecond(CompiledScene scene, ProviderCapabilities provider) =>
        provider.Paid ? scene.File.Profile.FindSize(scene.File.Target.Size)?.UsdPerSecond ?? 0m : 0m;

    /// <summary>
    /// Reads the workspace's ledger (if any) without creating or locking anything. In-doubt clips
    /// (a create sent, its answer lost, on a provider that cannot tell) count as committed at their
    /// estimate; with <see cref="RunOptions.ResubmitInDoubt"/> they count again as clips to submit.
    /// </summary>
    public static CostEstimate For(CompiledScene scene, RunOptions options, ProviderCapabilities provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var price = PricePerSecond(scene, provider);
        var max = options.MaxCostUsd ?? scene.File.Target.MaxCostUsd;
        var ledgerPath = Path.Combine(RunOrchestrator.WorkspaceFor(scene, options), RunWorkspace.LedgerFileName);
        var records = File.Exists(ledgerPath) ? RunLedger.Open(ledgerPath).All : [];
        var byId = records.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var toSpend = 0m;
        var clips = 0;
        foreach (var clip in scene.Plan.Clips)
        {
            if (NeedsNewJob(byId.GetValueOrDefault(clip.Id), options, provider))
            {
                toSpend += clip.Seconds * price;
                clips++;
            }
        }

        var inDoubt = records.Where(r => Budget.AtRisk(r, provider) && Budget.InFlight(r)).Sum(r => r.EstimatedUsd);
        return new CostEstimate(scene.Plan.Clips.Sum(c => c.Seconds * price), toSpend, clips, Budget.Committed(records), max) { InDoubtUsd = inDoubt };
    }

    /// <summary>The part of <see cref="CommittedUsd"/> that is in doubt: creates whose answer was lost, counted as if they ran.</summary>
    public decimal InDoubtUsd { get; init; }

    private string CommittedText => InDoubtUsd > 0
        ? string.Create(CultureInfo.InvariantCulture, $"${CommittedUsd:0.00} already spent, in flight or in doubt (${InDoubtUsd:0.00} in doubt)")
        : string.Create(CultureInfo.InvariantCulture, $"${CommittedUsd:0.00} already spent or in flight");

    /// <summary>The sentence that goes before the first request.</summary>
    public string Describe()
    {
        var budget = MaxUsd is { } max ? string.Create(CultureInfo.InvariantCulture, $", budget ${max:0.00}") : ", no budget set (--max-cost)";
        return string.Create(CultureInfo.InvariantCulture,
            $"estimated cost ${PlanUsd:0.00}; {ClipsToSubmit} clip(s) to submit for ${ToSpendUsd:0.00}, {CommittedText}{budget}");
    }

    /// <summary>The refusal when <see cref="ExceedsBudget"/> (exit code 3), before anything is sent or written.</summary>
    public RecreationException Refusal() => new(
        string.Create(CultureInfo.InvariantCulture,
            $"Refusing to start: {ClipsToSubmit} clip(s) to submit for ${ToSpendUsd:0.00} plus {CommittedText} would cross the budget of ${MaxUsd:0.00}. Raise --max-cost (or target.max_cost_usd), or shorten the plan ('recreate plan' shows each clip's cost). Nothing was sent."),
        ExitCodes.RefusedByBudget);

    private static bool NeedsNewJob(ClipRecord? record, RunOptions options, ProviderCapabilities provider) => record switch
    {
        null => true,
        _ when options.Force => true,
        { JobFailed: true } => options.RetryFailed,
        { Expired: true } => options.RegenerateExpired,
        _ when Budget.AtRisk(record, provider) => options.ResubmitInDoubt,
        _ when record.SpentUsd > 0 || Budget.InFlight(record) => false,
        _ => true,
    };
}