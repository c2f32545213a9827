namespace Recreation.Media.Tests;

/// <summary>
/// An IProgress that records every report in order, synchronously (Progress&lt;T&gt; posts to the
/// thread pool and may reorder), and can react to each one.
/// </summary>
internal sealed class RecordingProgress<T>(Action<T>? onReport = null) : IProgress<T>
{
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports
    {
        get
        {
            lock (_reports)
            {
                return _reports.ToList();
            }
        }
    }

    public void Report(T value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }

        onReport?.Invoke(value);
    }
}