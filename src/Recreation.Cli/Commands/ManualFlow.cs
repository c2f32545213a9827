using System.CommandLine;
using System.Globalization;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

using Recreation.Core;
using Recreation.Pipeline.Manual;
using Recreation.Pipeline.Running;

namespace Recreation.Cli.Commands;

/// <summary>What <c>run</c> on the manual backend and <c>import</c> share: waiting for clips in a folder, and the exit code of a run.</summary>
internal static class ManualFlow
{
    /// <summary>For tests: how long a landed file must stay unchanged before it is taken (default 2 s).</summary>
    public static Option<double?> Settle() => new("--settle")
    {
        Description = "Seconds a landed file's size must stay unchanged before it is taken (default 2).",
        Hidden = true,
    };

    public static int ExitCode(RunSummary summary) =>
        summary.Succeeded ? ExitCodes.Success : summary.WaitingForClips ? ExitCodes.WaitingForClips : ExitCodes.RunFailed;

    /// <summary>The folder <c>--watch</c> watches without <c>--from</c>: the user's Downloads folder.</summary>
    public static string DefaultFolder(string option)
    {
        var downloads = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Downloads");
        return Directory.Exists(downloads)
            ? downloads
            : throw new RecreationException($"--watch watches your Downloads folder, but {downloads} does not exist; name the folder with {option} DIR.", ExitCodes.InvalidInput);
    }

    public static TimeSpan SettleTime(double? seconds) => seconds is { } s && s >= 0 ? TimeSpan.FromSeconds(s) : WatchOptions.DefaultSettle;

    /// <summary>Watches <paramref name="folders"/> until every clip is in and the video is stitched (or Ctrl+C).</summary>
    public static async Task<RunSummary> WatchAsync(CliConsole console, IHost host, CompiledScene scene, IReadOnlyList<string> folders, WatchOptions options, CancellationToken cancellationToken)
    {
        var watcher = new Watcher(host.Services.GetRequiredService<Importer>(), host.Services.GetRequiredService<RunOrchestrator>());
        var progress = new SyncProgress<RunEvent>(e =>
        {
            if (e is { Phase: RunPhase.Conform, Status: "conformed" } or { Phase: RunPhase.Stitch, Status: "done" })
            {
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Item} {e.Phase.ToString().ToLowerInvariant()}: {e.Status}"));
            }
        });
        return await watcher.WatchAsync(scene, folders, options, line => console.Output.WriteLine(line), progress, cancellationToken);
    }
}