using System.CommandLine;

using Recreation.Cli.Events;
using Recreation.Core;
using Recreation.Core.Profiles;
using Recreation.Core.Security;
using Recreation.Pipeline.Running;

namespace Recreation.Cli.Commands;

/// <summary>Arguments and options several verbs share, built fresh for each command.</summary>
internal static class CommonOptions
{
    public static Argument<string> Scene() => new("SCENE") { Description = "The scene file (YAML, version 1)." };

    public static Option<string?> Profiles() => new("--profiles")
    {
        Description = "A YAML file of extra model profiles (same format as 'recreate profiles --yaml'), e.g. a gateway's Veo or Runway models.",
    };

    public static Option<string?> Events() => new("--events")
    {
        Description = "Write machine-readable progress as JSON lines (state changes, progress, spend, warnings) to FILE, or to standard output with '-' (the human output then goes to standard error).",
    };

    /// <summary>Where the human output goes: standard error when the events take standard output.</summary>
    public static CliConsole HumanConsole(CliConsole console, string? events) =>
        events == "-" ? new CliConsole(console.Error, console.Error, interactive: false, console.Input) : console;

    /// <summary>Sends each run event to the display and, when there is one, the event stream.</summary>
    public static IProgress<RunEvent> Tee(IProgress<RunEvent> display, EventStream? events) =>
        events is null ? display : new SyncProgress<RunEvent>(e =>
        {
            display.Report(e);
            events.Run(null, e);
        });

    /// <summary>How a run ended, in the words of batch-summary.json and --events.</summary>
    public static string StateName(RunSummary summary) => summary switch
    {
        { Succeeded: true } => "succeeded",
        { StoppedByBudget: true } => "stopped-by-budget",
        { WaitingForClips: true } => "waiting-for-clips",
        _ => "failed",
    };

    /// <summary>The built-in profiles, every provider's own, then the user's file.</summary>
    public static ProfileCatalog Catalog(string? profilesFile) =>
        profilesFile is null ? Services.Providers.Catalog() : Services.Providers.Catalog().WithFile(profilesFile);

    /// <summary>Compiles a scene with the registry's profiles and backend names (an unknown backend: exit 2 naming the known ones).</summary>
    /// <param name="security">What the user trusts: the folders besides the scene's own whose files it may read.</param>
    public static CompiledScene Compile(string scene, string? profilesFile, SecuritySettings security) => Services.Providers.Compile(scene, Catalog(profilesFile), security);
}