namespace Recreation.Testing.FakeVideosApi;

/// <summary>How a <see cref="FakeVideosApiServer"/> listens and how its jobs behave.</summary>
public sealed record FakeVideosApiOptions
{
    /// <summary>The loopback address it listens on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The key clients must send as <c>Authorization: Bearer …</c> or <c>api-key: …</c>.</summary>
    public string ApiKey { get; init; } = "sk-fake-videos-api-key";

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public IReadOnlyList<FakeVideoModel> Models { get; init; } = FakeVideoModel.Defaults;

    /// <summary>A job completes on this retrieve of it (1 = the first poll); progress rises until then.</summary>
    public int PollsToComplete { get; init; } = 3;

    /// <summary>A job also needs this much time (on <see cref="TimeProvider"/>) since its creation; zero = no wait.</summary>
    public TimeSpan JobDuration { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// When above zero, no job finishes until this many jobs have been running at once (created,
    /// not finished) — or until <see cref="HoldTimeout"/> has passed since the first job was
    /// created. A client that keeps that many jobs in flight gets there however slow the machine
    /// is; one that does not is let go after the timeout, and <see cref="FakeVideosApiServer.MostJobsRunning"/>
    /// tells how many it had. Zero (the default): jobs finish as <see cref="PollsToComplete"/> and
    /// <see cref="JobDuration"/> say.
    /// </summary>
    public int HoldJobsUntilRunning { get; init; }

    /// <summary>How long <see cref="HoldJobsUntilRunning"/> holds jobs at most (on <see cref="TimeProvider"/>), from the first job's creation.</summary>
    public TimeSpan HoldTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Sent as <c>openai-poll-after-ms</c> on every retrieve.</summary>
    public TimeSpan PollAfter { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long content stays downloadable after a job completes (<c>expires_at</c>); then 410.</summary>
    public TimeSpan ContentLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Where rendered clips are kept between runs (keyed by size and seconds); default a folder under the temp directory.</summary>
    public string? MediaCacheFolder { get; init; }

    /// <summary>Seeds the video ids and the random faults, so a run repeats.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The share of requests (0–1) that get a random transient fault from the start (see <see cref="FaultScript.UseRandom"/>).</summary>
    public double RandomFaultRate { get; init; }

    /// <summary>
    /// Like a strict server or proxy, answer 411 to a request whose body has no <c>Content-Length</c>
    /// (sent chunked), instead of reading it (some read it as empty and answer "missing prompt").
    /// </summary>
    public bool RequireContentLength { get; init; } = true;

    /// <summary>Receives one line per request (method, path, status, fault), e.g. Console.WriteLine; null = quiet.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ApiKey);
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfLessThan(PollsToComplete, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(JobDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(HoldJobsUntilRunning);
        ArgumentOutOfRangeException.ThrowIfLessThan(HoldTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(PollAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(RandomFaultRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RandomFaultRate, 1);
        if (Models.Count == 0)
        {
            throw new ArgumentException("The fake server needs at least one model.", nameof(Models));
        }
    }
}