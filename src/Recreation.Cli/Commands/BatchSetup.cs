using Recreation.Cli.Security;
using Recreation.Core;
using Recreation.Core.Batch;
using Recreation.Core.Diagnostics;
using Recreation.Core.Model;
using Recreation.Core.Security;
using Recreation.Generation.Providers;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Running;

namespace Recreation.Cli.Commands;

/// <summary>
/// What <c>recreate batch</c> settles before it creates anything: the items of this shard,
/// compiled, with their run options; each item's provider connection (a refused base URL or key,
/// a missing key: exit 2, nothing sent) and its outputs (never an input of any item, never a file
/// its workspace did not write: exit 2, nothing written).
/// </summary>
internal static class BatchSetup
{
    /// <summary>What the command line sets for every item.</summary>
    public sealed record Overrides(string? Backend, bool Force, bool RetryFailed, bool RegenerateExpired, bool ResubmitInDoubt);

    /// <summary>Expands, shards and compiles the items; every invalid scene file is reported at once (exit 2).</summary>
    public static (IReadOnlyList<BatchRunItem> Items, int ItemsInBatch, decimal? FileBudget) Prepare(
        CliConsole console, IReadOnlyList<string> arguments, Shard shard, string? profilesFile, Overrides overrides, SecuritySettings security)
    {
        var (all, fileBudget) = BatchItems.Expand(arguments, Directory.GetCurrentDirectory(), Services.Providers.Backends);
        var mine = shard.Select(all);
        var catalog = CommonOptions.Catalog(profilesFile);
        var problems = new List<Diagnostic>();
        var items = new List<BatchRunItem>();
        foreach (var item in mine)
        {
            try
            {
                var scene = Services.Providers.Compile(DisplayPath(item.ScenePath), catalog, security);
                foreach (var warning in scene.Warnings)
                {
                    console.Error.WriteLine(warning.ToString());
                }

                var options = new RunOptions(
                    overrides.Backend ?? item.Backend, item.Concurrency, item.OutputPath, overrides.Force, item.MaxCostUsd, overrides.RetryFailed, overrides.RegenerateExpired, overrides.ResubmitInDoubt);
                items.Add(new BatchRunItem(item, scene, options));
            }
            catch (InvalidInputException e)
            {
                problems.AddRange(e.Diagnostics.Where(d => d.Severity == Severity.Error));
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        var sameWorkspace = items.GroupBy(i => i.Workspace, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (sameWorkspace is not null)
        {
            throw new RecreationException(
                $"The items {string.Join(" and ", sameWorkspace.Select(i => i.Item.Id))} would share the workspace {sameWorkspace.Key} (same title, same output folder), and one run at a time holds a workspace. Give them different titles or outputs (output: in a batch file).",
                ExitCodes.InvalidInput);
        }

        return (items, all.Count, fileBudget);
    }

    /// <summary>
    /// Connects every item to its provider the way <c>run</c> does before it sends anything: the
    /// user's settings and <paramref name="security"/> decide where each item's credentials may go
    /// (a scene never does), so a refused base URL or key variable, or a missing key, stops the
    /// batch with exit 2 naming the item, before any item has sent or written anything.
    /// </summary>
    public static void Connect(IReadOnlyList<BatchRunItem> items, SecuritySettings security)
    {
        var settings = Services.ProviderSettings(security);
        foreach (var item in items)
        {
            var provider = Services.Providers.Get(item.Options.Backend ?? item.Scene.File.Target.Backend);
            try
            {
                provider.Connect(ProviderTarget.For(item.Scene, provider.Name), settings);
            }
            catch (RecreationException e) when (e is not InvalidInputException)
            {
                // An invalid-input refusal already names the scene file and line; this one only says what.
                throw new RecreationException($"Item {item.Item.Id}: {e.Message}", e.ExitCode, e.IsFatal, e);
            }
        }
    }

    /// <summary>
    /// The outputs of every item against the inputs of every item (scene files, reference images,
    /// music), the batch and profiles files, and the files its workspace did not write: one item's
    /// video never replaces another item's scene or image (exit 2, nothing written).
    /// </summary>
    /// <param name="events">The <c>--events</c> file, or null or <c>-</c>: checked against the same inputs.</param>
    public static void CheckOutputs(IReadOnlyList<BatchRunItem> items, IReadOnlyList<string> arguments, string? profilesFile, string? events)
    {
        var inputs = items.SelectMany(i => OutputChecks.Inputs(i.Scene, profilesFile))
            .Concat(arguments.Select(Path.GetFullPath).Where(File.Exists).Select(f => new NamedFile(f, "batch item")))
            .DistinctBy(n => n.Path, StringComparer.Ordinal)
            .ToList();
        foreach (var item in items)
        {
            OutputChecks.ForRun(item.Scene, item.Options, profilesFile, inputs);
        }

        OutputChecks.ForEvents(events, inputs);
    }

    /// <summary>Jobs at once per provider across the batch: --concurrency, else the largest concurrency any item on that provider asks for.</summary>
    public static Func<string, int?> ProviderConcurrency(IReadOnlyList<BatchRunItem> items, int? concurrency)
    {
        var largest = items
            .GroupBy(i => Services.Providers.Get(i.Options.Backend ?? i.Scene.File.Target.Backend).Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Max(i => i.Options.Concurrency ?? i.Scene.File.Target.Concurrency ?? Services.Providers.Get(g.Key).Capabilities.DefaultConcurrency), StringComparer.OrdinalIgnoreCase);
        return name => concurrency ?? (largest.TryGetValue(name, out var n) ? n : null);
    }

    /// <summary>A scene path as the user would write it: relative to the current folder when it is below it.</summary>
    private static string DisplayPath(string fullPath)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }
}