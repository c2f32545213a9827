using Recreation.Testing.FakeVideosApi;

namespace Recreation.Testing.FakeProviders;

/// <summary>The random faults of the provider fakes: the Videos fake's set, except that a create is never dropped at random.</summary>
internal static class FakeProviderFaults
{
    /// <summary>
    /// Neither Gemini nor Runway takes an idempotency key, so a create whose connection drops is in
    /// doubt by design and a correct client does not resend it: random drops there would only stop
    /// runs. Dropped creates are tested with scripted faults instead; at random, creates get answered
    /// errors (500, 503, 429 with Retry-After), which prove no job was made.
    /// </summary>
    public static IReadOnlyList<FakeFault>? RandomChoices(FakeRequest request) =>
        request.Endpoint == FakeEndpoint.Create
            ? [FakeFault.ServerError(), FakeFault.ServerError(503), FakeFault.RateLimited(TimeSpan.FromSeconds(1))]
            : null;

    public static (FaultScript Api, FaultScript Downloads) Create(FakeProviderOptions options)
    {
        var api = new FaultScript();
        var downloads = new FaultScript();
        if (options.RandomFaultRate > 0)
        {
            api.UseRandom(options.RandomFaultRate, options.Seed, RandomChoices);
            downloads.UseRandom(options.RandomFaultRate, options.Seed + 1);
        }

        return (api, downloads);
    }
}