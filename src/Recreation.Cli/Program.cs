using System.Runtime.InteropServices;

using Recreation.Cli;

// Ctrl+C or SIGTERM cancels the run gracefully: ffmpeg is asked to quit, the ledger keeps every
// finished step, and the process exits with 130 so the next `recreate run` resumes.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

return await CliApp.RunAsync(args, CliConsole.Standard(), cancellation.Token);