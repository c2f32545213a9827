namespace Recreation.Testing.FakeVideosApi;

/// <summary>
/// Decides which requests misbehave. In order of precedence: queued one-shot faults (each used by
/// the first request it matches, first queued first), then persistent rules, then the random mode.
/// Thread-safe.
/// </summary>
public sealed class FaultScript
{
    private readonly Lock _gate = new();
    private readonly List<(FakeFault Fault, Func<FakeRequest, bool> When)> _queue = [];
    private readonly List<Func<FakeRequest, FakeFault?>> _rules = [];
    private Random? _random;
    private double _rate;
    private Func<FakeRequest, IReadOnlyList<FakeFault>?>? _choices;

    /// <summary>Faults queued and not yet used.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>Queues a fault for the next request to <paramref name="on"/> (any endpoint when null).</summary>
    public FaultScript Enqueue(FakeFault fault, FakeEndpoint? on = null) =>
        Enqueue(fault, request => on is null || request.Endpoint == on);

    /// <summary>Queues a fault for the next request that <paramref name="when"/> accepts.</summary>
    public FaultScript Enqueue(FakeFault fault, Func<FakeRequest, bool> when)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(when);
        lock (_gate)
        {
            _queue.Add((fault, when));
        }

        return this;
    }

    /// <summary>A rule asked about every request (after the queue): return a fault, or null to let it through.</summary>
    public FaultScript AddRule(Func<FakeRequest, FakeFault?> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return this;
    }

    /// <summary>
    /// Gives each request that no queued fault or rule caught a <paramref name="rate"/> chance of one
    /// transient fault, drawn from a seeded generator: 500, 503, 429 (Retry-After 1 s), a drop before
    /// or after handling, or (downloads only) a truncated body. Only faults a correct client survives
    /// by retrying: no failed jobs. <paramref name="choices"/> may narrow the faults for some
    /// requests (return null for the default set), e.g. no dropped creates on a service without an
    /// idempotency key, where a lost create is in doubt by design.
    /// </summary>
    public FaultScript UseRandom(double rate, int seed, Func<FakeRequest, IReadOnlyList<FakeFault>?>? choices = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        lock (_gate)
        {
            _rate = rate;
            _random = rate > 0 ? new Random(seed) : null;
            _choices = choices;
        }

        return this;
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
            _rules.Clear();
            _random = null;
        }
    }

    internal FakeFault? Next(FakeRequest request)
    {
        lock (_gate)
        {
            var index = _queue.FindIndex(entry => entry.When(request));
            if (index >= 0)
            {
                var fault = _queue[index].Fault;
                _queue.RemoveAt(index);
                return fault;
            }

            foreach (var rule in _rules)
            {
                if (rule(request) is { } fault)
                {
                    return fault;
                }
            }

            if (_random is null || _random.NextDouble() >= _rate)
            {
                return null;
            }

            if (_choices?.Invoke(request) is { Count: > 0 } narrowed)
            {
                return narrowed[_random.Next(narrowed.Count)];
            }

            FakeFault[] choices = request.Endpoint == FakeEndpoint.Content
                ? [FakeFault.ServerError(), FakeFault.ServerError(503), FakeFault.RateLimited(TimeSpan.FromSeconds(1)), FakeFault.DropBeforeHandling(), FakeFault.TruncatedBody(0.4)]
                : [FakeFault.ServerError(), FakeFault.ServerError(503), FakeFault.RateLimited(TimeSpan.FromSeconds(1)), FakeFault.DropBeforeHandling(), FakeFault.DropAfterHandling()];
            return choices[_random.Next(choices.Length)];
        }
    }
}