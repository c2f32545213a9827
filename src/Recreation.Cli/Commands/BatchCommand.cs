using System.CommandLine;
using System.Globalization;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

using Recreation.Cli.Events;
using Recreation.Cli.Rendering;
using Recreation.Cli.Security;
using Recreation.Core;
using Recreation.Core.Batch;
using Recreation.Core.Model;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Running;

namespace Recreation.Cli.Commands;

/// <summary><c>recreate batch ITEMS...</c>: many runs in one process with shared limits, one budget, shards and a shared clip cache.</summary>
internal static class BatchCommand
{
    public static Command Create(CliConsole console)
    {
        var items = new Argument<string[]>("ITEMS") { Description = "Scene files, folders of them (every .yaml/.yml with scenes: below it) or batch files (items: with per-item overrides).", Arity = ArgumentArity.OneOrMore };
        var profiles = CommonOptions.Profiles();
        var backend = new Option<string?>("--backend") { Description = $"Run every item on this backend (overrides the scene files and the batch file): {string.Join(", ", Services.Providers.Names)}." };
        backend.AcceptOnlyFromAmong([.. Services.Providers.Names]);
        var concurrency = Between(new Option<int?>("--concurrency") { Description = "Jobs in flight at once per provider across all runs (default: the largest target.concurrency of the items on it). Each run also keeps to its own." }, 1, 256);
        var runs = Between(new Option<int?>("--runs") { Description = "Items run at once (default 8)." }, 1, 256);
        var ffmpeg = Between(new Option<int?>("--ffmpeg-processes") { Description = "ffmpeg processes for media steps (download check, conform, placeholder render, stitch, report) at once across all runs; a big encode (over a second of 1080p) counts as two (default: the number of cores)." }, 1, 256);
        var maxCost = new Option<decimal?>("--max-cost") { Description = "Budget in USD for the whole batch (this shard's items): refuses to start above it (exit 3) and stops every run submitting before crossing it. Items keep their own target.max_cost_usd too." };
        maxCost.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<decimal?>() is < 0)
            {
                r.AddError("--max-cost must be 0 or more (USD).");
            }
        });
        var summary = new Option<string?>("--summary") { Description = "Folder for batch-summary.json and batch.log (default recreate-batch, or recreate-batch/shard-I-of-N with --shard)." };
        var shard = new Option<string?>("--shard") { Description = "Run only slice I of N (I/N, 0 <= I < N): item k of the sorted items goes to shard k mod N. 'auto' takes I from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) and N from --shard-count or RECREATION_SHARD_COUNT." };
        var shardCount = Between(new Option<int?>("--shard-count") { Description = "The number of shards for --shard auto." }, 1, 100_000);
        var cache = new Option<string?>("--cache") { Description = "A folder (shared storage) of generated clips shared by every run and shard: a clip is generated once, the others wait for it and take it." };
        var staleAfter = new Option<double?>("--cache-stale-after") { Description = "Seconds after which a claim on a clip in --cache whose owner stopped beating is taken over (default 120)." };
        var cachePoll = new Option<double?>("--cache-poll") { Description = "Seconds between looks while waiting for another run's clip (default 1).", Hidden = true };
        var force = new Option<bool>("--force") { Description = "Ignore caches: generate and conform every clip again (on a paid backend, new paid jobs)." };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Submit clips whose job the server failed again, as new paid jobs." };
        var regenerateExpired = new Option<bool>("--regenerate-expired") { Description = "Generate clips whose paid video expired before download again, as new paid jobs." };
        var resubmitInDoubt = new Option<bool>("--resubmit-in-doubt") { Description = "Send again the clips in doubt (a create sent, its answer lost, on a provider that cannot tell whether the job exists): if the lost job ran, it is paid twice." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every step to the console too (batch.log always has them)." };
        var events = CommonOptions.Events();
        var command = new Command("batch", "Run many scene files as one job: shared generation and ffmpeg limits, one budget, a summary table and batch-summary.json. A failed, locked or waiting item is reported and the others go on; running the batch again resumes every item.")
        {
            items, profiles, backend, concurrency, runs, ffmpeg, maxCost, summary, shard, shardCount, cache, staleAfter, cachePoll, force, retryFailed, regenerateExpired, resubmitInDoubt, verbose, events,
        };
        var trust = TrustOptions.ForEndpoints(command);
        command.Subcommands.Add(BatchReportCommand.Create(console));
        command.SetAction(async (parse, cancellationToken) =>
        {
            var ui = CommonOptions.HumanConsole(console, parse.GetValue(events));
            var security = trust.Read(parse);
            var slice = parse.GetValue(shard) is { } text ? Shard.Parse(text, parse.GetValue(shardCount), Environment.GetEnvironmentVariable) : Shard.All;
            var overrides = new BatchSetup.Overrides(
                parse.GetValue(backend), parse.GetValue(force), parse.GetValue(retryFailed), parse.GetValue(regenerateExpired), parse.GetValue(resubmitInDoubt));
            var (prepared, itemsInBatch, fileBudget) = BatchSetup.Prepare(ui, parse.GetValue(items)!, slice, parse.GetValue(profiles), overrides, security);

            // Before anything is sent or written: where each item's credentials go (exit 2), and outputs that are inputs (exit 2).
            BatchSetup.Connect(prepared, security);
            BatchSetup.CheckOutputs(prepared, parse.GetValue(items)!, parse.GetValue(profiles), parse.GetValue(events));
            var budget = parse.GetValue(maxCost) ?? fileBudget;
            var (estimates, total) = BatchRunner.Estimate(prepared, Services.Providers);
            var sharded = slice.Count > 1 ? $" (shard {slice} of {itemsInBatch} items)" : "";
            var budgetText = budget is { } b ? string.Create(CultureInfo.InvariantCulture, $", batch budget ${b:0.00}") : "";
            await ui.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Batch: {prepared.Count} item(s){sharded}, {prepared.Sum(i => i.Scene.Plan.Clips.Count())} clips; estimated ${estimates.Sum(e => e.ToSpendUsd):0.00} to submit, ${estimates.Sum(e => e.CommittedUsd):0.00} already spent or in flight{budgetText}."));
            if (budget is { } max && total > max)
            {
                throw new RecreationException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"Refusing to start the batch: its items would submit ${estimates.Sum(e => e.ToSpendUsd):0.00} on top of ${estimates.Sum(e => e.CommittedUsd):0.00} already spent or in flight, over the batch budget of ${max:0.00}. Raise --max-cost, or run fewer items. Nothing was sent."),
                    ExitCodes.RefusedByBudget);
            }

            var folder = parse.GetValue(summary) ?? (slice.Count > 1 ? Path.Combine("recreate-batch", $"shard-{slice.Index}-of-{slice.Count}") : "recreate-batch");
            // Opened once every check has passed: invalid input or a refused budget leaves no file behind.
            using var stream = parse.GetValue(events) is { } target ? EventStream.Open(target, console.Output) : null;
            stream?.BatchStarted(prepared.Count, itemsInBatch, slice.ToString(), budget, estimates.Sum(e => e.ToSpendUsd));
            using var host = Services.Build(Path.Combine(folder, "batch.log"), parse.GetValue(verbose), security, stream is null ? null : message => stream.Warning(null, message));
            var time = host.Services.GetRequiredService<TimeProvider>();
            var limits = new SharedLimits(parse.GetValue(ffmpeg) ?? SharedLimits.DefaultFfmpegProcesses, BatchSetup.ProviderConcurrency(prepared, parse.GetValue(concurrency)));
            BatchBudget? shared = null;
            if (budget is { } cap)
            {
                shared = new BatchBudget(cap);
                foreach (var (item, estimate) in prepared.Zip(estimates))
                {
                    shared.Baseline(item.Workspace, estimate.CommittedUsd);
                }
            }

            var clipCache = parse.GetValue(cache) is { } cacheFolder
                ? new SharedClipCache(cacheFolder, CacheTimings(parse.GetValue(staleAfter), parse.GetValue(cachePoll)), time, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("cache"))
                : null;
            var orchestrator = host.Services.GetRequiredService<RunOrchestrator>().WithSharing(limits, shared, clipCache);

            var started = time.GetUtcNow();
            var watch = time.GetTimestamp();
            var results = await new BatchRunner(orchestrator).RunAsync(prepared, parse.GetValue(runs) ?? 8, new SyncProgress<BatchEvent>(e =>
            {
                BatchSummaryView.Progress(ui, e);
                stream?.Batch(e);
            }), cancellationToken);
            var written = BatchSummary.Create([slice.ToString()], itemsInBatch, started, time.GetElapsedTime(watch), budget, results);
            await written.WriteAsync(folder, CancellationToken.None);
            await Pipeline.Reports.BatchIndex.WriteAsync(written, folder, host.Services.GetRequiredService<Media.FFmpegRunner>(), CancellationToken.None);
            BatchSummaryView.Render(ui, written, Path.Combine(folder, BatchSummary.FileName));
            stream?.BatchFinished(written, Path.GetFullPath(Path.Combine(folder, BatchSummary.FileName)));
            return written.ExitCode;
        });
        return command;
    }

    private static Pipeline.Batch.CacheTimings CacheTimings(double? staleAfter, double? poll)
    {
        var defaults = new Pipeline.Batch.CacheTimings();
        var stale = staleAfter is { } s && s > 0 ? TimeSpan.FromSeconds(s) : defaults.StaleAfter;
        // The owner beats several times within the stale timeout, so a slow disk does not look like a dead owner.
        var heartbeat = stale / 6 < defaults.Heartbeat ? stale / 6 : defaults.Heartbeat;
        return new Pipeline.Batch.CacheTimings(heartbeat, stale, poll is { } p && p > 0 ? TimeSpan.FromSeconds(p) : defaults.Poll);
    }

    private static Option<int?> Between(Option<int?> option, int min, int max)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } value && (value < min || value > max))
            {
                r.AddError($"{option.Name} must be between {min} and {max}.");
            }
        });
        return option;
    }
}