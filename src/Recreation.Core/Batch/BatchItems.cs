using Recreation.Core.Diagnostics;

namespace Recreation.Core.Batch;

/// <summary>
/// Turns <c>recreate batch ITEMS...</c> into one ordered list of items: scene files, folders of them
/// (every .yaml/.yml below the folder whose top level has <c>scenes:</c>; folders whose name starts
/// with '.' are skipped) and batch files (top level <c>items:</c>). The list is sorted by item id
/// (ordinal), so the same arguments give the same order on every machine.
/// </summary>
public static class BatchItems
{
    /// <summary>The items and the batch budget the batch files set (the smallest, when several do).</summary>
    /// <param name="backends">The backend names a batch file's items may name (the provider registry's); null: <see cref="Model.KnownBackends.BuiltIn"/>.</param>
    /// <exception cref="InvalidInputException">A path does not exist, a batch file is invalid, or two items share an id (exit 2).</exception>
    public static (IReadOnlyList<BatchItem> Items, decimal? MaxCostUsd) Expand(IReadOnlyList<string> arguments, string currentDirectory, Model.KnownBackends? backends = null)
    {
        var items = new List<BatchItem>();
        var problems = new List<Diagnostic>();
        decimal? budget = null;
        foreach (var argument in arguments)
        {
            var full = Path.GetFullPath(Path.Combine(currentDirectory, argument));
            if (Directory.Exists(full))
            {
                var files = SceneFilesIn(full);
                if (files.Count == 0)
                {
                    problems.Add(new Diagnostic(Severity.Error, argument, 0, 0, "", "this folder holds no scene files (.yaml or .yml with scenes: at the top level)"));
                }

                items.AddRange(files.Select(f => new BatchItem(IdFor(f, currentDirectory), f, Source: argument)));
            }
            else if (!File.Exists(full))
            {
                problems.Add(new Diagnostic(Severity.Error, argument, 0, 0, "", "not found; name scene files, folders of them or batch files"));
            }
            else if (BatchFileReader.IsBatchFile(full))
            {
                try
                {
                    var batch = BatchFileReader.Load(Path.GetFullPath(argument) == full ? argument : full, backends);
                    items.AddRange(batch.Items);
                    budget = batch.MaxCostUsd is { } max ? Math.Min(max, budget ?? max) : budget;
                }
                catch (InvalidInputException e)
                {
                    problems.AddRange(e.Diagnostics);
                }
            }
            else
            {
                items.Add(new BatchItem(IdFor(full, currentDirectory), full, Source: argument));
            }
        }

        foreach (var duplicate in items.GroupBy(i => i.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new Diagnostic(Severity.Error, duplicate.First().Source, 0, 0, "", $"the item '{duplicate.Key}' is named {duplicate.Count()} times ({string.Join(", ", duplicate.Select(d => d.Source))}); name each scene file once, or give the items distinct id: in a batch file"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(problems);
        }

        return (items.OrderBy(i => i.Id, StringComparer.Ordinal).ToList(), budget);
    }

    /// <summary>Every scene file below <paramref name="folder"/>, sorted by path (ordinal).</summary>
    public static IReadOnlyList<string> SceneFilesIn(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System, IgnoreInaccessible = true };
        return Directory.EnumerateFiles(folder, "*", options)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).SkipLast(1).Any(part => part.StartsWith('.')))
            .Where(BatchFileReader.IsSceneFile)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The item id of a scene file named from <paramref name="baseFolder"/>: its relative path with '/' separators.</summary>
    public static string IdFor(string fullPath, string baseFolder) =>
        Path.GetRelativePath(baseFolder, fullPath).Replace('\\', '/');
}