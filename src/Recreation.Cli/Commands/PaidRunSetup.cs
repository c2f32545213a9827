using Recreation.Core;
using Recreation.Core.Security;
using Recreation.Generation.Providers;
using Recreation.Pipeline.Running;

namespace Recreation.Cli.Commands;

/// <summary>
/// What <c>run</c> and <c>retake</c> check and say before anything is created or sent: the
/// provider's settings (a missing key is exit 2), the cost estimate line, and the budget (exit 3,
/// with in-doubt clips counted).
/// </summary>
internal static class PaidRunSetup
{
    /// <param name="security">What the user trusts (settings and flags): where the scene's target may send credentials.</param>
    public static async Task PrepareAsync(CliConsole console, CompiledScene compiled, RunOptions options, SecuritySettings security)
    {
        var provider = Services.Providers.Get(options.Backend ?? compiled.File.Target.Backend);
        var connection = provider.Connect(ProviderTarget.For(compiled, provider.Name), Services.ProviderSettings(security));
        var plan = compiled.Plan;
        var estimate = CostEstimate.For(compiled, options, provider.Capabilities);
        var cost = provider.Capabilities switch
        {
            { Paid: true } => estimate.Describe(),
            { MadeByHand: true } => $"clips are made by hand and imported ({provider.Name})",
            _ => $"nothing is spent ({provider.Name})",
        };
        var where = connection.Endpoint is null ? "" : $" via {connection.Endpoint}";
        await console.Output.WriteLineAsync($"{plan.Title}: {plan.Clips.Count()} clips, {plan.TotalGeneratedSeconds} s to generate with {provider.Name}{where} ({plan.Model} at {plan.Size}); {cost}.");
        if (estimate.ExceedsBudget)
        {
            throw estimate.Refusal();
        }
    }

    /// <summary>The exit code a finished run's summary calls for.</summary>
    public static int ExitCode(RunSummary summary) =>
        !summary.Succeeded && summary.StoppedByBudget ? ExitCodes.RefusedByBudget : ManualFlow.ExitCode(summary);
}