using System.CommandLine;

using Recreation.Cli.Commands;
using Recreation.Core;
using Recreation.Pipeline;

namespace Recreation.Cli;

/// <summary>The <c>recreate</c> command: verbs, usage errors (exit 2) and the last line of defence against stack traces.</summary>
public static class CliApp
{
    public static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(
            "recreate: turn a YAML scene description into a finished video.\n" +
            "Scenes are split into clips a text-to-video model does well, generated with the same identity anchors and palette, " +
            "then conformed and stitched by FFmpeg into one normalized video.\n\n" +
            "Exit codes: 0 success, 1 the run failed, 2 invalid input or usage, 3 refused by the budget, 4 waiting for clips made by hand (manual backend), 130 cancelled (resumable).");
        root.Subcommands.Add(ValidateCommand.Create(console));
        root.Subcommands.Add(PlanCommand.Create(console));
        root.Subcommands.Add(ProfilesCommand.Create(console));
        root.Subcommands.Add(RunCommand.Create(console));
        root.Subcommands.Add(BatchCommand.Create(console));
        root.Subcommands.Add(StitchCommand.Create(console));
        root.Subcommands.Add(RetakeCommand.Create(console));
        root.Subcommands.Add(ImportCommand.Create(console));
        root.Subcommands.Add(DoctorCommand.Create(console));
        root.Subcommands.Add(AnalyzeCommand.Create(console));
        root.Subcommands.Add(CompareCommand.Create(console));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = Build(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await console.Error.WriteLineAsync("Run 'recreate --help' (or 'recreate COMMAND --help') for usage.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Output,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,

                // Ctrl+C is handled in Program: the token below is cancelled and the run unwinds
                // (ffmpeg gets 'q', the ledger is saved), however long that takes.
                ProcessTerminationTimeout = null,
            }, cancellationToken);
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && (Failures.IsOurs(e) || e is OperationCanceledException))
        {
            // After Ctrl+C, a tool or step that stopped because of it is not a failure of its own.
            await console.Error.WriteLineAsync("Cancelled. Run the same command again to resume.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (Failures.ExitCodeOf(e) is { } exitCode)
        {
            await console.Error.WriteLineAsync(e.Message);
            return exitCode;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not the user's mistake: say so plainly; the details go to stderr only with RECREATION_DEBUG=1.
            await console.Error.WriteLineAsync($"recreate stopped on an internal error: {e.GetType().Name}: {e.Message}");
            await console.Error.WriteLineAsync("This is a bug in recreate, not in your input. Please report it with the command and the scene file. Finished work in the run's workspace is kept.");
            if (Environment.GetEnvironmentVariable("RECREATION_DEBUG") == "1")
            {
                await console.Error.WriteLineAsync(e.ToString());
            }

            return ExitCodes.RunFailed;
        }
    }
}