namespace Recreation.Media.Processes;

/// <summary>An IProgress that calls back synchronously, in order (Progress&lt;T&gt; posts to the thread pool and may reorder).</summary>
internal sealed class CallbackProgress<T>(Action<T> callback) : IProgress<T>
{
    public void Report(T value) => callback(value);
}