using System.CommandLine;
using System.Globalization;

using Microsoft.Extensions.DependencyInjection;

using Recreation.Cli.Events;
using Recreation.Cli.Rendering;
using Recreation.Cli.Security;
using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Pipeline;
using Recreation.Pipeline.Running;

namespace Recreation.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var scene = CommonOptions.Scene();
        var profiles = CommonOptions.Profiles();
        var backend = new Option<string?>("--backend") { Description = $"Override target.backend: {string.Join(", ", Services.Providers.Names)} (placeholder: offline stand-in clips, the default)." };
        backend.AcceptOnlyFromAmong([.. Services.Providers.Names]);
        var concurrency = new Option<int?>("--concurrency") { Description = "Jobs in flight at once (overrides target.concurrency)." };
        concurrency.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1 or > 32)
            {
                r.AddError("--concurrency must be between 1 and 32.");
            }
        });
        var output = new Option<string?>("--output", "-o") { Description = "Write the finished video here instead of output.path." };
        var force = new Option<bool>("--force") { Description = "Ignore the cache: generate and conform every clip again." };
        var maxCost = new Option<decimal?>("--max-cost") { Description = "Budget in USD for everything this run's workspace spends (overrides target.max_cost_usd): refuses to start above it (exit 3) and stops submitting before crossing it." };
        maxCost.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<decimal?>() is < 0)
            {
                r.AddError("--max-cost must be 0 or more (USD).");
            }
        });
        var retryFailed = new Option<bool>("--retry-failed") { Description = "Submit clips whose job the server failed (e.g. moderation_blocked) again, as new paid jobs." };
        var regenerateExpired = new Option<bool>("--regenerate-expired") { Description = "Generate clips whose paid video expired before it was downloaded again, as new paid jobs." };
        var resubmitInDoubt = new Option<bool>("--resubmit-in-doubt") { Description = "Send again the clips in doubt (a create sent, its answer lost, on a provider that cannot tell whether the job exists): if the lost job ran, it is paid twice." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every step to the console too (the run's log file always has them)." };
        var watch = new Option<bool>("--watch") { Description = "Manual backend: wait for the missing clips to land in a folder (--from, default ~/Downloads), import each, and stitch when all are in." };
        var from = new Option<string?>("--from") { Description = "The folder --watch watches." };
        var settle = ManualFlow.Settle();
        var events = CommonOptions.Events();
        var command = new Command("run", "Generate every clip of a scene file, conform each as it arrives, and stitch the finished video. Reruns reuse cached clips and resume after Ctrl+C.")
        {
            scene,
            profiles,
            backend,
            concurrency,
            output,
            force,
            maxCost,
            retryFailed,
            regenerateExpired,
            resubmitInDoubt,
            verbose,
            watch,
            from,
            settle,
            events,
        };
        var trust = TrustOptions.ForEndpoints(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var ui = CommonOptions.HumanConsole(console, parse.GetValue(events));
            var security = trust.Read(parse);
            var compiled = CommonOptions.Compile(parse.GetValue(scene)!, parse.GetValue(profiles), security);
            foreach (var warning in compiled.Warnings)
            {
                await ui.Error.WriteLineAsync(warning.ToString());
            }

            var options = new RunOptions(
                parse.GetValue(backend),
                parse.GetValue(concurrency),
                parse.GetValue(output),
                parse.GetValue(force),
                parse.GetValue(maxCost),
                parse.GetValue(retryFailed),
                parse.GetValue(regenerateExpired),
                parse.GetValue(resubmitInDoubt));
            var chosen = Services.Providers.Get(options.Backend ?? compiled.File.Target.Backend);
            if (parse.GetValue(watch) && !chosen.Capabilities.MadeByHand)
            {
                throw new RecreationException("--watch waits for clips made by hand: it needs the manual backend (target.backend: manual or --backend manual).", ExitCodes.InvalidInput);
            }

            var watchFolder = parse.GetValue(watch) ? parse.GetValue(from) ?? ManualFlow.DefaultFolder("--from") : null;
            if (watchFolder is not null && !Directory.Exists(watchFolder))
            {
                throw new RecreationException($"--from: the folder {watchFolder} does not exist.", ExitCodes.InvalidInput);
            }

            // Before anything is written: an output that is an input, or a file the workspace did not write (exit 2).
            OutputChecks.ForRun(compiled, options, parse.GetValue(profiles));
            OutputChecks.ForEvents(parse.GetValue(events), OutputChecks.Inputs(compiled, parse.GetValue(profiles)));

            // Also before anything is created: a missing key (exit 2) or a refused budget (exit 3).
            await PaidRunSetup.PrepareAsync(ui, compiled, options, security);

            // Opened once every check has passed: invalid input or a refused budget leaves no file behind.
            using var stream = parse.GetValue(events) is { } target ? EventStream.Open(target, console.Output) : null;
            foreach (var warning in compiled.Warnings)
            {
                stream?.Warning(null, warning.ToString());
            }

            var workspace = RunOrchestrator.WorkspaceFor(compiled, options);
            using var host = Services.Build(Path.Combine(workspace, "run.log"), parse.GetValue(verbose), security, stream is null ? null : message => stream.Warning(null, message));
            var orchestrator = host.Services.GetRequiredService<RunOrchestrator>();

            stream?.RunStarted(null, compiled.File.SourcePath, compiled.File.Title, workspace, compiled.Plan.Clips.Count(), chosen.Name, CostEstimate.For(compiled, options, chosen.Capabilities));
            RunSummary summary;
            try
            {
                summary = watchFolder is null
                    ? await new RunProgressView(ui).ShowAsync(progress => orchestrator.RunAsync(compiled, options, CommonOptions.Tee(progress, stream), cancellationToken))
                    : await ManualFlow.WatchAsync(ui, host, compiled, [watchFolder], new(ManualFlow.SettleTime(parse.GetValue(settle)), new(options.OutputPath)), cancellationToken);
            }
            catch (Exception e) when (stream is not null && Failures.ExitCodeOf(e) is { } code)
            {
                stream.RunFinished(null, code == ExitCodes.RefusedByBudget ? "stopped-by-budget" : "failed", code, null, 0, 0, 0, e.Message);
                throw;
            }

            RunSummaryView.Render(ui, summary, compiled.File.SourcePath);
            var exit = PaidRunSetup.ExitCode(summary);
            stream?.RunFinished(null, CommonOptions.StateName(summary), exit, summary.OutputPath, summary.EstimatedUsd, summary.SpentUsd, summary.Elapsed.TotalSeconds, string.Join("; ", summary.Failed.Select(f => $"{f.ClipId}: {f.Error}")) is { Length: > 0 } error ? error : null);
            return exit;
        });
        return command;
    }
}