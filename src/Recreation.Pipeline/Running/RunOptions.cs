namespace Recreation.Pipeline.Running;

/// <summary>What the command line may override for one run.</summary>
/// <param name="Force">Ignore cached clips and conformed clips: generate and conform everything again (on a paid backend, new paid jobs).</param>
/// <param name="MaxCostUsd">The budget for everything this workspace spends (overrides <c>target.max_cost_usd</c>).</param>
/// <param name="RetryFailed">Submit clips whose job the server failed (e.g. moderation) again, as new paid jobs.</param>
/// <param name="Backend">The provider to use instead of <c>target.backend</c> (a registered name).</param>
/// <param name="ResubmitInDoubt">Send again the clips whose create was sent but whose answer was lost on a provider that cannot tell whether the job exists (a second paid job if the first one ran).</param>
/// <param name="RegenerateExpired">Generate clips whose paid video expired before it was downloaded again, as new paid jobs.</param>
public sealed record RunOptions(
    string? Backend = null,
    int? Concurrency = null,
    string? OutputPath = null,
    bool Force = false,
    decimal? MaxCostUsd = null,
    bool RetryFailed = false,
    bool RegenerateExpired = false,
    bool ResubmitInDoubt = false);