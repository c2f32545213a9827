using Recreation.Media.Stitching;

using Spectre.Console;

namespace Recreation.Cli.Rendering;

/// <summary>One bar per stitch phase (probe, conform, join, loudness, encode) on a terminal; phase names as lines otherwise.</summary>
internal sealed class StitchProgressView(CliConsole console)
{
    public async Task<T> ShowAsync<T>(Func<IProgress<StitchProgress>, Task<T>> work)
    {
        if (!console.Interactive)
        {
            var last = (StitchPhase?)null;
            return await work(new SyncProgress<StitchProgress>(p =>
            {
                if (p.Phase != last)
                {
                    last = p.Phase;
                    console.Output.WriteLine($"stitch: {p.Phase.Label()}");
                }
            }));
        }

        return await console.Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<StitchPhase, ProgressTask>();
                return await work(new SyncProgress<StitchProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.Phase, out var task))
                    {
                        task = tasks[p.Phase] = context.AddTask(p.Phase.Label(), maxValue: 1);
                    }

                    task.Value = Math.Clamp(p.Fraction, 0, 1);
                }));
            });
    }
}