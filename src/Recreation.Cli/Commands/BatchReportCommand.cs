using System.CommandLine;

using Microsoft.Extensions.DependencyInjection;

using Recreation.Cli.Rendering;
using Recreation.Core;
using Recreation.Pipeline.Batch;

namespace Recreation.Cli.Commands;

/// <summary><c>recreate batch report DIR...</c>: merges the shards' batch-summary.json files into one.</summary>
internal static class BatchReportCommand
{
    public static Command Create(CliConsole console)
    {
        var folders = new Argument<string[]>("DIR") { Description = "Folders holding a batch-summary.json (a shard's --summary folder), or folders whose subfolders do; or the files themselves.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write the merged batch-summary.json and its index.html (one row per item, linking to each item's report and video) into this folder (default: print only)." };
        var command = new Command("report", "Merge the batch-summary.json of a batch's shards into one summary: every item once, totals, the batch's exit code. Exits with that code.")
        {
            folders,
            output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var files = parse.GetValue(folders)!.SelectMany(Find).Distinct(StringComparer.Ordinal).ToList();
            var merged = BatchSummary.Merge(files.Select(BatchSummary.Read).ToList());
            string? written = null;
            if (parse.GetValue(output) is { } folder)
            {
                await merged.WriteAsync(folder, cancellationToken);
                written = Path.Combine(folder, BatchSummary.FileName);
                using var host = Services.Build(null, verbose: false);
                await Pipeline.Reports.BatchIndex.WriteAsync(merged, folder, host.Services.GetRequiredService<Media.FFmpegRunner>(), cancellationToken);
            }

            await console.Output.WriteLineAsync($"Merged {files.Count} summary file(s): shards {string.Join(", ", merged.Shards)}.");
            BatchSummaryView.Render(console, merged, written);
            return merged.ExitCode;
        });
        return command;
    }

    private static IEnumerable<string> Find(string path)
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        if (!Directory.Exists(path))
        {
            throw new RecreationException($"{path}: not found; name the folders the shards wrote their batch-summary.json to (--summary).", ExitCodes.InvalidInput);
        }

        var direct = Path.Combine(path, BatchSummary.FileName);
        if (File.Exists(direct))
        {
            return [Path.GetFullPath(direct)];
        }

        var nested = Directory.EnumerateFiles(path, BatchSummary.FileName, SearchOption.AllDirectories).Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList();
        return nested.Count > 0
            ? nested
            : throw new RecreationException($"{path}: holds no {BatchSummary.FileName}; name the folders the shards wrote theirs to (--summary).", ExitCodes.InvalidInput);
    }
}