namespace Recreation.Testing.FakeVideosApi;

/// <summary>
/// A clock that moves only when told to: <see cref="Advance"/> moves it and fires the timers that
/// fall due, in order. With <see cref="AutoAdvance"/> every timer (so every
/// <c>Task.Delay(…, timeProvider)</c>, Polly's retry delays included) moves the clock by its own due
/// time and fires at once: code that waits minutes runs in milliseconds, and
/// <see cref="RequestedDelays"/> says how long it asked to wait. Thread-safe. Not for code that uses
/// timers as timeouts (a timeout would fire at once); the Videos client uses real-time timeouts.
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly List<TimeSpan> _delays = [];
    private DateTimeOffset _now;

    /// <param name="start">The starting time; default 2026-11-01T12:00:00Z.</param>
    public FakeTimeProvider(DateTimeOffset? start = null)
    {
        _now = start ?? new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    }

    /// <summary>When true, a timer's due time passes as soon as the timer is created.</summary>
    public bool AutoAdvance { get; init; }

    /// <summary>The due time of every timer created so far (zero and infinite ones left out), in order.</summary>
    public IReadOnlyList<TimeSpan> RequestedDelays
    {
        get
        {
            lock (_gate)
            {
                return _delays.ToArray();
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward and fires the timers that fall due on the way (on the thread pool).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<FakeTimer> due;
        lock (_gate)
        {
            _now += by;
            due = CollectDue();
        }

        Fire(due);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        List<FakeTimer> due;
        lock (_gate)
        {
            _timers.Add(timer);
            timer.Schedule(_now, dueTime, period);
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                _delays.Add(dueTime);
                if (AutoAdvance)
                {
                    _now += dueTime;
                }
            }

            due = CollectDue();
        }

        Fire(due);
        return timer;
    }

    private List<FakeTimer> CollectDue()
    {
        var due = new List<FakeTimer>();
        foreach (var timer in _timers.Where(t => t.DueAt is { } at && at <= _now).OrderBy(t => t.DueAt).ToList())
        {
            due.Add(timer);
            timer.Reschedule(_now);
        }

        _timers.RemoveAll(t => t.DueAt is null);
        return due;
    }

    private static void Fire(List<FakeTimer> due)
    {
        foreach (var timer in due)
        {
            // On the thread pool, never inline: the code that created the timer may not have stored it yet.
            ThreadPool.QueueUserWorkItem(static t => t.Invoke(), timer, preferLocal: false);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period;

        /// <summary>When it fires next; null when stopped. Guarded by the owner's lock.</summary>
        public DateTimeOffset? DueAt { get; private set; }

        public void Schedule(DateTimeOffset now, TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + (dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime);
        }

        public void Reschedule(DateTimeOffset now)
        {
            DueAt = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? now + _period : null;
        }

        public void Invoke() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            List<FakeTimer> due;
            lock (owner._gate)
            {
                if (!owner._timers.Contains(this))
                {
                    owner._timers.Add(this);
                }

                Schedule(owner._now, dueTime, period);
                due = owner.CollectDue();
            }

            Fire(due);
            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                DueAt = null;
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}