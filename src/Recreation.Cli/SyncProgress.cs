namespace Recreation.Cli;

/// <summary>
/// Calls back on the reporting thread, in order. <see cref="Progress{T}"/> posts to the thread pool,
/// so a "done" could be overtaken by an older "50 %"; a display needs the events as they happen.
/// </summary>
internal sealed class SyncProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Lock _gate = new();

    public void Report(T value)
    {
        lock (_gate)
        {
            handler(value);
        }
    }
}