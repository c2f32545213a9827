namespace Recreation.Pipeline.Running;

/// <summary>
/// The one limit on ffmpeg processes for media steps across every run of a process: a pool of
/// <see cref="Capacity"/> slots that a short step takes one of and a big encode
/// <see cref="BigStepWeight"/> (<see cref="WeightOf"/>). Waiters are served first come, first
/// served, so a big step is never starved by a stream of short ones.
/// </summary>
/// <remarks>
/// Why two weights: each ffmpeg start costs ~0.15 s of CPU on one core (it loads some 200 shared
/// libraries) and a short clip's conform is mostly that, so short steps fill a core each; x264 on
/// a long encode keeps ~2 cores busy with its own threads, so big steps at once stay at half the
/// slots — half the cores by default, as before this pool counted short steps apart.
/// </remarks>
internal sealed class MediaSlots
{
    /// <summary>The slots a big step takes.</summary>
    public const int BigStepWeight = 2;

    /// <summary>
    /// A step is big above one second of 1920x1080 at 30 fps in pixels written (≈ 62 million);
    /// below it the process start-up is a large share of its work.
    /// </summary>
    public const long BigStepPixels = 1920L * 1080 * 30;

    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiting = new();
    private int _free;

    public MediaSlots(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _free = capacity;
    }

    public int Capacity { get; }

    /// <summary>Slots held now (for tests and logs).</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return Capacity - _free;
            }
        }
    }

    /// <summary>The weight of a step that writes <paramref name="frames"/> frames of <paramref name="width"/>x<paramref name="height"/>.</summary>
    public static int WeightOf(int width, int height, long frames) =>
        (long)width * height * frames > BigStepPixels ? BigStepWeight : 1;

    /// <summary>Runs <paramref name="work"/> holding <paramref name="weight"/> slots (at most <see cref="Capacity"/>).</summary>
    public async Task<T> WithAsync<T>(int weight, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        var taken = await TakeAsync(weight, cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            Release(taken);
        }
    }

    /// <summary>Waits for <paramref name="weight"/> slots (clamped to 1..<see cref="Capacity"/>) and returns how many were taken.</summary>
    internal async Task<int> TakeAsync(int weight, CancellationToken cancellationToken)
    {
        weight = Math.Clamp(weight, 1, Capacity);
        Waiter waiter;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _free >= weight)
            {
                _free -= weight;
                return weight;
            }

            waiter = new Waiter(weight);
            waiter.Node = _waiting.AddLast(waiter);
        }

        await using (cancellationToken.Register(() => Cancel(waiter, cancellationToken)))
        {
            await waiter.Ready.Task;
        }

        return weight;
    }

    internal void Release(int weight)
    {
        lock (_gate)
        {
            _free += weight;
            Grant();
        }
    }

    /// <summary>Hands free slots to the waiters at the head of the line, in order (called under the gate).</summary>
    private void Grant()
    {
        while (_waiting.First is { } first && _free >= first.Value.Weight)
        {
            _waiting.RemoveFirst();
            _free -= first.Value.Weight;
            first.Value.Ready.TrySetResult();
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is null)
            {
                return; // already granted: the caller holds its slots and releases them
            }

            _waiting.Remove(waiter.Node);
            waiter.Ready.TrySetCanceled(cancellationToken);
            Grant(); // a big waiter leaving may let smaller ones behind it start
        }
    }

    private sealed class Waiter(int weight)
    {
        public int Weight { get; } = weight;

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}