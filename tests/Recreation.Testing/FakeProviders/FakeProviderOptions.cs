namespace Recreation.Testing.FakeProviders;

/// <summary>How a fake provider server (<see cref="FakeGeminiServer"/>, <see cref="FakeRunwayServer"/>) listens and how its jobs behave.</summary>
public sealed record FakeProviderOptions
{
    /// <summary>The loopback address both listeners (API and downloads) use.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The API's port; 0 picks a free one. The download host always takes a free port.</summary>
    public int Port { get; init; }

    /// <summary>The key clients must send; a default per service when null.</summary>
    public string? ApiKey { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>A job ends on this poll of it (1 = the first); progress rises until then.</summary>
    public int PollsToComplete { get; init; } = 3;

    /// <summary>A job also needs this much time (on <see cref="TimeProvider"/>) since its creation; zero = no wait.</summary>
    public TimeSpan JobDuration { get; init; } = TimeSpan.Zero;

    /// <summary>How long a finished job's output can be downloaded; a service default when null (Gemini: 2 days; Runway: 24 h per URL).</summary>
    public TimeSpan? OutputLifetime { get; init; }

    /// <summary>Runway: how many tasks may run at once before new ones show THROTTLED.</summary>
    public int ConcurrencyLimit { get; init; } = 2;

    /// <summary>Where rendered clips are kept between runs (keyed by size and seconds); default a folder under the temp directory.</summary>
    public string? MediaCacheFolder { get; init; }

    /// <summary>Seeds the ids and the random faults, so a run repeats.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The share of requests (0–1), on both listeners, that get a random transient fault from the start.</summary>
    public double RandomFaultRate { get; init; }

    /// <summary>Receives one line per request (method, path, status, fault), e.g. Console.WriteLine; null = quiet.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port);
        ArgumentOutOfRangeException.ThrowIfLessThan(PollsToComplete, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(JobDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(ConcurrencyLimit, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(RandomFaultRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RandomFaultRate, 1);
        if (ApiKey is { } key)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
        }
    }
}