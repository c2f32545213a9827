using System.Globalization;

using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>
/// The jobs of a fake provider and how they move: each poll counts, and a job ends on poll
/// <see cref="FakeProviderOptions.PollsToComplete"/> (a slow-job fault raises that) once
/// <see cref="FakeProviderOptions.JobDuration"/> has passed on the fake's clock. A job fault decides
/// how it ends (failed with a code, or filtered). Ids come from a seeded generator. Thread-safe.
/// </summary>
internal sealed class FakeJobBook(FakeProviderOptions options, bool uuids)
{
    private readonly Lock _gate = new();
    private readonly List<Job> _jobs = [];
    private readonly Random _random = new(options.Seed);

    public int JobsCreated
    {
        get
        {
            lock (_gate)
            {
                return _jobs.Count;
            }
        }
    }

    public Job Create(string model, string prompt, int width, int height, int seconds, FakeInputImage? first, FakeInputImage? last, FakeFault? fault)
    {
        lock (_gate)
        {
            // Runway's task ids are UUIDs; Gemini's operation (and file) ids are lowercase letters and digits.
            var id = uuids
                ? new Guid(Bytes()).ToString()
                : string.Create(CultureInfo.InvariantCulture, $"{_random.Next():x8}{_random.Next():x8}");
            var job = new Job(id, model, prompt, width, height, seconds, options.TimeProvider.GetUtcNow(), first, last)
            {
                PollsNeeded = fault?.Kind == FakeFaultKind.SlowJob ? fault.Polls : options.PollsToComplete,
                Ending = fault?.Kind switch
                {
                    FakeFaultKind.FailJob => FakeJobPhase.Failed,
                    FakeFaultKind.FilteredJob => FakeJobPhase.Filtered,
                    _ => FakeJobPhase.Succeeded,
                },
                Fault = fault?.Kind is FakeFaultKind.FailJob or FakeFaultKind.FilteredJob ? fault : null,
            };
            _jobs.Add(job);
            return job;
        }
    }

    private byte[] Bytes()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return bytes;
    }

    public Job? Find(string id)
    {
        lock (_gate)
        {
            return _jobs.FirstOrDefault(j => j.Id == id && !j.Deleted);
        }
    }

    /// <summary>One poll of a job: counts it and moves it on. <paramref name="blocked"/> says it may not start yet (Runway's throttling).</summary>
    public Job Poll(Job job, bool blocked = false)
    {
        lock (_gate)
        {
            if (job.Phase is FakeJobPhase.Queued or FakeJobPhase.Running)
            {
                job.Polls++;
                var timeUp = options.TimeProvider.GetUtcNow() - job.CreatedAt >= options.JobDuration;
                if (blocked && job.Phase == FakeJobPhase.Queued)
                {
                    job.Throttled = true;
                    job.Polls--; // a throttled task has not started: its polls do not count
                }
                else if (job.Polls >= job.PollsNeeded && timeUp)
                {
                    job.Phase = job.Ending;
                    job.CompletedAt = options.TimeProvider.GetUtcNow();
                    job.Throttled = false;
                }
                else
                {
                    job.Throttled = false;
                    job.Phase = job.Polls <= 1 && job.PollsNeeded > 2 ? FakeJobPhase.Queued : FakeJobPhase.Running;
                }
            }

            return job;
        }
    }

    /// <summary>Jobs that have started and not ended (for throttling).</summary>
    public int Active(Job except)
    {
        lock (_gate)
        {
            return _jobs.Count(j => j != except && !j.Deleted && j.Phase == FakeJobPhase.Running);
        }
    }

    public void Cancel(Job job)
    {
        lock (_gate)
        {
            if (job.Phase is FakeJobPhase.Queued or FakeJobPhase.Running)
            {
                job.Phase = FakeJobPhase.Cancelled;
                job.CompletedAt = options.TimeProvider.GetUtcNow();
            }
            else
            {
                job.Deleted = true;
            }
        }
    }

    public IReadOnlyList<FakeProviderJob> Snapshot(Func<Job, string> status, Func<Job, bool> billed)
    {
        lock (_gate)
        {
            return _jobs.Select(j => new FakeProviderJob(j.Id, j.Model, j.Prompt, j.Width, j.Height, j.Seconds, j.CreatedAt, status(j), j.Polls, j.FirstFrame, j.LastFrame, billed(j))).ToArray();
        }
    }

    internal sealed class Job(string id, string model, string prompt, int width, int height, int seconds, DateTimeOffset createdAt, FakeInputImage? firstFrame, FakeInputImage? lastFrame)
    {
        public string Id { get; } = id;

        public string Model { get; } = model;

        public string Prompt { get; } = prompt;

        public int Width { get; } = width;

        public int Height { get; } = height;

        public int Seconds { get; } = seconds;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public FakeInputImage? FirstFrame { get; } = firstFrame;

        public FakeInputImage? LastFrame { get; } = lastFrame;

        public int PollsNeeded { get; init; }

        public FakeJobPhase Ending { get; init; }

        public FakeFault? Fault { get; init; }

        public FakeJobPhase Phase { get; set; }

        public bool Throttled { get; set; }

        public int Polls { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public bool Deleted { get; set; }

        /// <summary>Progress 0–1 while running, from the polls so far.</summary>
        public double Progress => Phase == FakeJobPhase.Succeeded ? 1 : Phase == FakeJobPhase.Running ? Math.Min(0.95, Polls / (double)Math.Max(1, PollsNeeded)) : 0;
    }
}