using Recreation.Core;
using Recreation.Pipeline.Running;

namespace Recreation.Pipeline.Manual;

/// <summary>How a watch waits for files.</summary>
/// <param name="Settle">How long a file's size and time must stay unchanged before it is taken (a browser still writing it changes both).</param>
public sealed record WatchOptions(TimeSpan Settle, ImportOptions Import)
{
    public static TimeSpan DefaultSettle { get; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the folders are looked at: a quarter of the settle time, between 50 ms and 1 s.</summary>
    public TimeSpan Poll => TimeSpan.FromMilliseconds(Math.Clamp(Settle.TotalMilliseconds / 4, 50, 1000));
}

/// <summary>
/// Watches download folders for a manual run: each video (or zip) that lands is taken once its
/// size has settled, matched and validated like <c>import</c>, copied into the workspace and
/// conformed straight away (a run of the pipeline, which conforms what is in and reuses what was
/// conformed before); when the last clip is in, the run stitches and the watch ends. Files that
/// cannot be used are reported and left alone (a changed file is looked at again). Polling, not
/// file-system events: downloads folders on network drives and in containers do not always raise them.
/// </summary>
public sealed class Watcher(Importer importer, RunOrchestrator orchestrator, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <param name="report">Receives a line for each file taken, skipped or refused, and for each run.</param>
    public async Task<RunSummary> WatchAsync(CompiledScene scene, IReadOnlyList<string> folders, WatchOptions options, Action<string> report, IProgress<RunEvent>? progress = null, CancellationToken cancellationToken = default)
    {
        var runOptions = ManualRun.Options(options.Import.OutputPath);
        var summary = await orchestrator.RunAsync(scene, runOptions, progress, cancellationToken);
        if (summary.Succeeded || summary.Failed.Any())
        {
            return summary;
        }

        // A downloads folder holds other videos too. Files that were there before the watch began
        // are taken only when their name carries a clip id; the order and length rules are for
        // files that land while watching.
        var slots = scene.Plan.Clips.Select(c => new ClipSlot(c.Id, c.Seconds, false)).ToList();
        var before = folders.Where(Directory.Exists).SelectMany(Directory.EnumerateFiles).ToHashSet(StringComparer.Ordinal);
        report($"Watching {string.Join(", ", folders)} for {summary.Missing.Count()} missing clip(s): {string.Join(", ", summary.Missing.Select(m => m.ClipId))}. Ctrl+C stops.");
        var seen = new Dictionary<string, (long Size, DateTime Modified, long Since)>(StringComparer.Ordinal);
        var handled = new HashSet<(string, long, DateTime)>();
        var waiting = new List<string>(); // chained clips whose predecessor was not in yet
        while (true)
        {
            await Task.Delay(options.Poll, _time, cancellationToken);
            var settled = new List<string>();
            foreach (var file in folders.Where(Directory.Exists).SelectMany(Directory.EnumerateFiles).Where(ImportSources.IsCandidate))
            {
                FileInfo info;
                try
                {
                    info = new FileInfo(file);
                    _ = info.Length;
                }
                catch (IOException)
                {
                    continue; // gone again (a browser renaming its partial file)
                }

                var state = (info.Length, info.LastWriteTimeUtc);
                if (handled.Contains((file, state.Length, state.LastWriteTimeUtc)))
                {
                    continue;
                }

                if (!seen.TryGetValue(file, out var last) || last.Size != state.Length || last.Modified != state.LastWriteTimeUtc)
                {
                    seen[file] = (state.Length, state.LastWriteTimeUtc, _time.GetTimestamp());
                    continue;
                }

                if (state.Length > 0 && _time.GetElapsedTime(last.Since) >= options.Settle)
                {
                    handled.Add((file, state.Length, state.LastWriteTimeUtc));
                    if (!before.Contains(file) || ClipFileMatcher.ClipIdsInName(Path.GetFileName(file), slots).Count > 0)
                    {
                        settled.Add(file);
                    }
                }
            }

            if (settled.Count == 0)
            {
                continue;
            }

            settled.AddRange(waiting.Where(File.Exists).Except(settled));
            waiting.Clear();

            using var plan = await importer.PlanAsync(scene, settled, options.Import, cancellationToken);
            foreach (var unmatched in plan.Unmatched)
            {
                report($"{unmatched.File.Name}: not imported: {unmatched.Reason}.");
            }

            foreach (var invalid in plan.Items.Where(i => !i.IsValid))
            {
                report($"{invalid.File.Name}: not imported: {string.Join("; ", invalid.Problems)}");
            }

            var outcomes = await importer.ApplyAsync(plan.OnlyToCopy(), cancellationToken);
            foreach (var outcome in outcomes)
            {
                report(outcome.SkippedReason is null ? $"{outcome.Source} → {outcome.ClipId}: imported." : $"{outcome.Source}: not yet: {outcome.SkippedReason}; it is taken when that lands.");
                if (outcome.SkippedReason is not null && plan.Items.FirstOrDefault(i => i.Clip.Id == outcome.ClipId) is { } item && !item.File.Name.Contains(':', StringComparison.Ordinal))
                {
                    waiting.Add(item.File.Path);
                }
            }

            if (!outcomes.Any(o => o.SkippedReason is null))
            {
                continue;
            }

            summary = await orchestrator.RunAsync(scene, runOptions, progress, cancellationToken);
            if (summary.Succeeded || summary.Failed.Any())
            {
                return summary;
            }

            report($"Still missing: {string.Join(", ", summary.Missing.Select(m => m.ClipId))}.");
        }
    }
}