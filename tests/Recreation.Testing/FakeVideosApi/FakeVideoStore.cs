using System.Text.Json.Nodes;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>The fake server's jobs, idempotency keys and counters, behind one lock.</summary>
internal sealed class FakeVideoStore(FakeVideosApiOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeJobState> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeJobState> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly Random _ids = new(options.Seed);
    private long _sequence;
    private int _jobsCreated;
    private int _billedSeconds;
    private int _running;
    private int _mostRunning;
    private bool _released;
    private DateTimeOffset? _firstCreated;

    public int JobsCreated
    {
        get
        {
            lock (_gate)
            {
                return _jobsCreated;
            }
        }
    }

    public int BilledSeconds
    {
        get
        {
            lock (_gate)
            {
                return _billedSeconds;
            }
        }
    }

    /// <summary>The most jobs running at once so far (created and not yet seen finished).</summary>
    public int MostRunning
    {
        get
        {
            lock (_gate)
            {
                return _mostRunning;
            }
        }
    }

    public IReadOnlyList<FakeVideoJob> Snapshot()
    {
        lock (_gate)
        {
            return _jobs.Values.OrderBy(j => j.Sequence).Select(j => j.Snapshot()).ToList();
        }
    }

    /// <summary>
    /// Creates a job, or, when <paramref name="idempotencyKey"/> was seen before with the same
    /// parameters, returns that job unchanged (no new job, no new charge). The same key with other
    /// parameters is a 409: it is a client bug, not a retry.
    /// </summary>
    public (JsonObject Video, bool Replayed) Create(FakeJobSpec spec, string? idempotencyKey, FakeFault? jobFault)
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            if (idempotencyKey is not null && _byIdempotencyKey.TryGetValue(idempotencyKey, out var earlier))
            {
                if (earlier.Fingerprint != spec.Fingerprint)
                {
                    throw new FakeApiError(409, "This Idempotency-Key was already used with different parameters.", "Idempotency-Key", "idempotency_key_reused");
                }

                Advance(earlier, now, poll: false);
                return (earlier.ToJson(options.ContentLifetime), true);
            }

            var job = new FakeJobState
            {
                Id = NewId(),
                Sequence = ++_sequence,
                Model = spec.Model,
                Prompt = spec.Prompt,
                Size = spec.Size,
                Seconds = spec.Seconds,
                CreatedAt = now,
                PollsToComplete = jobFault?.Kind == FakeFaultKind.SlowJob ? jobFault.Polls : options.PollsToComplete,
                Failure = jobFault?.Kind is FakeFaultKind.FailJob or FakeFaultKind.FilteredJob ? jobFault : null,
                RemixedFromVideoId = spec.RemixedFromVideoId,
                IdempotencyKey = idempotencyKey,
                Fingerprint = spec.Fingerprint,
                InputImage = spec.InputImage,
            };
            _jobs.Add(job.Id, job);
            if (idempotencyKey is not null)
            {
                _byIdempotencyKey.Add(idempotencyKey, job);
            }

            _jobsCreated++;
            _billedSeconds += spec.Seconds;
            _firstCreated ??= now;
            _running++;
            _mostRunning = Math.Max(_mostRunning, _running);
            _released |= options.HoldJobsUntilRunning > 0 && _running >= options.HoldJobsUntilRunning;
            return (job.ToJson(options.ContentLifetime), false);
        }
    }

    /// <summary>The source of a remix: it must exist and be completed.</summary>
    public FakeJobSpec RemixSpec(string sourceId, string prompt)
    {
        lock (_gate)
        {
            var source = Find(sourceId);
            if (source.Status != "completed")
            {
                throw new FakeApiError(400, $"Video '{sourceId}' is {source.Status}; only completed videos can be remixed.", "video_id", "invalid_video_status");
            }

            return new FakeJobSpec(source.Model, prompt, source.Size, source.Seconds, null, sourceId, $"remix|{sourceId}|{prompt}");
        }
    }

    public JsonObject Retrieve(string id)
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            var job = Find(id);
            Advance(job, now, poll: true);
            return job.ToJson(options.ContentLifetime);
        }
    }

    public JsonObject Delete(string id)
    {
        lock (_gate)
        {
            var job = Find(id);
            if (!job.IsTerminal)
            {
                _running--;
            }

            job.Deleted = true;
            _jobs.Remove(id);
            return new JsonObject { ["id"] = id, ["object"] = "video.deleted", ["deleted"] = true };
        }
    }

    public JsonObject List(int limit, bool ascending, string? after)
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            var ordered = ascending
                ? _jobs.Values.OrderBy(j => j.Sequence).ToList()
                : _jobs.Values.OrderByDescending(j => j.Sequence).ToList();
            var start = 0;
            if (after is not null)
            {
                var index = ordered.FindIndex(j => j.Id == after);
                if (index < 0)
                {
                    throw new FakeApiError(400, $"Invalid 'after': no video with id '{after}'.", "after", "invalid_value");
                }

                start = index + 1;
            }

            var page = ordered.Skip(start).Take(limit).ToList();
            var data = new JsonArray();
            foreach (var job in page)
            {
                Advance(job, now, poll: false);
                data.Add(job.ToJson(options.ContentLifetime));
            }

            return new JsonObject
            {
                ["object"] = "list",
                ["data"] = data,
                ["first_id"] = page.Count > 0 ? page[0].Id : null,
                ["last_id"] = page.Count > 0 ? page[^1].Id : null,
                ["has_more"] = start + page.Count < ordered.Count,
            };
        }
    }

    /// <summary>What a download needs; throws the API's error when there is nothing to download.</summary>
    public (int Width, int Height, int Seconds) Content(string id)
    {
        var now = options.TimeProvider.GetUtcNow();
        lock (_gate)
        {
            var job = Find(id);
            Advance(job, now, poll: false);
            if (job.Status != "completed")
            {
                throw new FakeApiError(409, $"Video '{id}' is {job.Status}: content is available only for completed videos. Poll GET /v1/videos/{id} until its status is completed.", "video_id", "video_not_ready");
            }

            if (job.ExpiresAt(options.ContentLifetime) is { } expiry && now >= expiry)
            {
                throw new FakeApiError(410, $"The content of video '{id}' expired at {expiry:O} and can no longer be downloaded.", "video_id", "video_expired");
            }

            var (width, height) = job.Dimensions;
            return (width, height, job.Seconds);
        }
    }

    /// <summary>Moves a job on (call under the lock), holding it unfinished while <see cref="FakeVideosApiOptions.HoldJobsUntilRunning"/> says so.</summary>
    private void Advance(FakeJobState job, DateTimeOffset now, bool poll)
    {
        if (job.IsTerminal)
        {
            return;
        }

        var held = options.HoldJobsUntilRunning > 0 && !_released && !(_firstCreated is { } first && now - first >= options.HoldTimeout);
        job.Advance(now, options.JobDuration, poll, held);
        if (job.IsTerminal)
        {
            _running--;
        }
    }

    private FakeJobState Find(string id) => _jobs.TryGetValue(id, out var job) ? job : throw FakeApiError.NotFound(id);

    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _ids.NextBytes(bytes);
        return "video_" + Convert.ToHexStringLower(bytes);
    }
}