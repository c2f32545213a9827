using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Core.Security;
using Recreation.Generation.OpenAI;
using Recreation.Pipeline.Running;

namespace Recreation.Cli.Commands;

/// <summary>
/// What <c>run</c> and <c>retake</c> check and say before anything is created or sent: the
/// backend's settings (a missing key is exit 2), the cost estimate line, and the budget (exit 3).
/// </summary>
internal static class PaidRunSetup
{
    /// <param name="security">What the user trusts (settings and flags): where the scene's target may send credentials.</param>
    /// <returns>The openai settings when the run uses that backend, else null.</returns>
    public static async Task<OpenAIVideosOptions?> PrepareAsync(CliConsole console, CompiledScene compiled, RunOptions options, SecuritySettings security)
    {
        var chosen = options.Backend ?? compiled.File.Target.Backend;
        var openAI = chosen == Backend.OpenAI
            ? OpenAISettings.Resolve(compiled, Services.Configuration(), Environment.GetEnvironmentVariable, security)
            : null;
        var plan = compiled.Plan;
        var estimate = CostEstimate.For(compiled, options);
        var cost = chosen switch
        {
            Backend.OpenAI => estimate.Describe(),
            Backend.Manual => "clips are made by hand and imported (manual)",
            _ => $"nothing is spent ({BackendNames.Name(chosen)})",
        };
        var where = openAI is null ? "" : $" via {openAI.BaseUrl}";
        await console.Output.WriteLineAsync($"{plan.Title}: {plan.Clips.Count()} clips, {plan.TotalGeneratedSeconds} s to generate with {BackendNames.Name(chosen)}{where} ({plan.Model} at {plan.Size}); {cost}.");
        if (estimate.ExceedsBudget)
        {
            throw estimate.Refusal();
        }

        return openAI;
    }

    /// <summary>The exit code a finished run's summary calls for.</summary>
    public static int ExitCode(RunSummary summary) =>
        !summary.Succeeded && summary.StoppedByBudget ? ExitCodes.RefusedByBudget : ManualFlow.ExitCode(summary);
}