using System.Collections.Concurrent;

using Recreation.Pipeline.Running;

using Spectre.Console;

namespace Recreation.Cli.Rendering;

/// <summary>
/// Shows a run's progress: Spectre.Console bars per clip and phase on a terminal, plain lines
/// ("opening-1 generate: cached") when output is redirected, so logs and CI stay readable.
/// </summary>
internal sealed class RunProgressView
{
    private readonly CliConsole _console;
    private readonly ConcurrentDictionary<(RunPhase, string), ProgressTask> _tasks = new();
    private ProgressContext? _context;

    public RunProgressView(CliConsole console) => _console = console;

    public async Task<T> ShowAsync<T>(Func<IProgress<RunEvent>, Task<T>> work)
    {
        if (!_console.Interactive)
        {
            return await work(new SyncProgress<RunEvent>(WritePlain));
        }

        return await _console.Out.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                _context = context;
                return await work(new SyncProgress<RunEvent>(Update));
            });
    }

    private void Update(RunEvent e)
    {
        var task = _tasks.GetOrAdd((e.Phase, e.Item), key => _context!.AddTask(Label(key.Item1, key.Item2), maxValue: 1));
        task.Value = Math.Clamp(e.Fraction, 0, 1);
        if (e.Status is not null)
        {
            task.Description = $"{Label(e.Phase, e.Item)} [grey]{Markup.Escape(e.Status)}[/]";
        }
    }

    private void WritePlain(RunEvent e)
    {
        if (e.Status is not null)
        {
            _console.Output.WriteLine($"{e.Item} {e.Phase.ToString().ToLowerInvariant()}: {e.Status}");
        }
    }

    private static string Label(RunPhase phase, string item) => $"{phase.ToString().ToLowerInvariant(),-8} {Markup.Escape(item)}";
}