using Recreation.Core;
using Recreation.Core.Batch;
using Recreation.Core.Diagnostics;
using Recreation.Core.Model;
using Recreation.Core.Security;
using Recreation.Generation.OpenAI;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Running;

namespace Recreation.Cli.Commands;

/// <summary>What <c>recreate batch</c> settles before it creates anything: the items of this shard, compiled, with their run options, and the openai settings they share.</summary>
internal static class BatchSetup
{
    /// <summary>What the command line sets for every item.</summary>
    public sealed record Overrides(Backend? Backend, bool Force, bool RetryFailed, bool RegenerateExpired);

    /// <summary>Expands, shards and compiles the items; every invalid scene file is reported at once (exit 2).</summary>
    public static (IReadOnlyList<BatchRunItem> Items, int ItemsInBatch, decimal? FileBudget) Prepare(
        CliConsole console, IReadOnlyList<string> arguments, Shard shard, string? profilesFile, Overrides overrides, SecuritySettings security)
    {
        var (all, fileBudget) = BatchItems.Expand(arguments, Directory.GetCurrentDirectory());
        var mine = shard.Select(all);
        var catalog = CommonOptions.Catalog(profilesFile);
        var problems = new List<Diagnostic>();
        var items = new List<BatchRunItem>();
        foreach (var item in mine)
        {
            try
            {
                var scene = SceneCompiler.Compile(DisplayPath(item.ScenePath), catalog, security);
                foreach (var warning in scene.Warnings)
                {
                    console.Error.WriteLine(warning.ToString());
                }

                var options = new RunOptions(
                    overrides.Backend ?? item.Backend, item.Concurrency, item.OutputPath, overrides.Force, item.MaxCostUsd, overrides.RetryFailed, overrides.RegenerateExpired);
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
    /// The openai settings of every item on that backend; one process talks to one service with
    /// one key, so items that resolve to different ones are a usage error (exit 2): run them as
    /// separate batches.
    /// </summary>
    public static OpenAIVideosOptions? OpenAI(IReadOnlyList<BatchRunItem> items, SecuritySettings security)
    {
        OpenAIVideosOptions? chosen = null;
        string? first = null;
        foreach (var item in items.Where(i => (i.Options.Backend ?? i.Scene.File.Target.Backend) == Backend.OpenAI))
        {
            var options = OpenAISettings.Resolve(item.Scene, Services.Configuration(), Environment.GetEnvironmentVariable, security);
            if (chosen is null)
            {
                (chosen, first) = (options, item.Item.Id);
            }
            else if (options.BaseUrl != chosen.BaseUrl || options.ApiKey != chosen.ApiKey)
            {
                throw new RecreationException(
                    $"The items {first} and {item.Item.Id} use the openai backend with different services or keys ({chosen.BaseUrl} and {options.BaseUrl}, or target.api_key_env); one batch talks to one. Run them as separate batches.",
                    ExitCodes.InvalidInput);
            }
        }

        return chosen;
    }

    /// <summary>Jobs at once per provider across the batch: --concurrency, else the largest concurrency any item on that provider asks for.</summary>
    public static Func<string, int?> ProviderConcurrency(IReadOnlyList<BatchRunItem> items, int? concurrency)
    {
        var largest = items
            .GroupBy(i => BackendNames.Name(i.Options.Backend ?? i.Scene.File.Target.Backend), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Max(i => i.Options.Concurrency ?? i.Scene.File.Target.Concurrency), StringComparer.OrdinalIgnoreCase);
        return name => concurrency ?? (largest.TryGetValue(name, out var n) ? n : null);
    }

    /// <summary>A scene path as the user would write it: relative to the current folder when it is below it.</summary>
    private static string DisplayPath(string fullPath)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), fullPath);
        return relative.StartsWith("..", StringComparison.Ordinal) ? fullPath : relative;
    }
}