using Recreation.Core;
using Recreation.Core.Model;
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
        RefuseUnwrittenDescriptions(compiled, provider);
        var connection = provider.Connect(ProviderTarget.For(compiled, provider.Name), Services.ProviderSettings(security));
        var plan = compiled.Plan;
        var estimate = CostEstimate.For(compiled, options, provider.Capabilities);
        var cost = provider.Capabilities switch
        {
            { Paid: true } => estimate.Describe() + ScenePricedNote(compiled),
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

    /// <summary>A paid backend is not sent descriptions no one has written (a draft from <c>recreate analyze</c>): exit 2, nothing created.</summary>
    internal static void RefuseUnwrittenDescriptions(CompiledScene compiled, IClipProvider provider)
    {
        if (!provider.Capabilities.Paid)
        {
            return;
        }

        var unwritten = compiled.File.Scenes.Where(s => DraftText.IsUnwritten(s.Description)).Select(s => s.Id).ToList();
        if (unwritten.Count > 0)
        {
            throw new RecreationException(
                $"{compiled.File.SourcePath}: {unwritten.Count} scene(s) have no description written yet ({string.Join(", ", unwritten)}; they start with '{DraftText.Marker}'). " +
                "A paid run would send those placeholders to the model: write what each shot shows first, or render with --backend placeholder.",
                ExitCodes.InvalidInput);
        }
    }

    /// <summary>
    /// When the model's profile (and so its price) comes from the scene file itself rather than from
    /// the user's side, the cost line says so: a shared scene could price a model at 0.
    /// </summary>
    private static string ScenePricedNote(CompiledScene compiled) =>
        compiled.File.Profile is { DefinedInScene: true } profile
            ? $" (the price of {profile.Name} comes from this scene file's own profiles:, not from your settings: check it before paying)"
            : "";

    /// <summary>The exit code a finished run's summary calls for.</summary>
    public static int ExitCode(RunSummary summary) =>
        !summary.Succeeded && summary.StoppedByBudget ? ExitCodes.RefusedByBudget : ManualFlow.ExitCode(summary);
}