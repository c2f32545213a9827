using System.Globalization;
using System.Runtime.InteropServices;

using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.FakeVideosApi;

/// <summary>
/// Runs a fake video service until Ctrl+C or SIGTERM — <see cref="FakeVideosApiServer"/> (the
/// default, for the <c>openai</c> backend), <see cref="FakeGeminiServer"/>,
/// <see cref="FakeRunwayServer"/>, <see cref="FakeFalServer"/>, <see cref="FakeReplicateServer"/> or <see cref="FakeOpenRouterServer"/> (<c>--provider</c>) — so a person can point a backend at it and
/// rehearse a paid run for free, faults included.
/// </summary>
public static class Program
{
    private const string Usage = """
        Usage: dotnet run --project tests/Recreation.FakeVideosApi -- [options]

          --provider P        openai (default), gemini, runway, fal, replicate or openrouter
          --port N            port on 127.0.0.1 (default 0: any free port)
          --key KEY           the API key clients must send (default: one per provider)
          --fault-rate R      share of requests that get a transient fault, 0..1 (default 0)
          --seed N            seed for ids and random faults (default 1)
          --job-seconds S     real seconds a job takes to complete (default 10)
          --poll-after-ms MS  openai-poll-after-ms sent on every retrieve (default 1000; openai only)
          --cache DIR         where rendered clips are kept (default: a folder in the temp dir)
          --quiet             do not print one line per request
        """;

    public static async Task<int> Main(string[] args)
    {
        FakeVideosApiOptions? options;
        string provider;
        try
        {
            (provider, args) = Provider(args);
            options = Parse(args);
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.Message}\n\n{Usage}");
            return 2;
        }

        if (options is null)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        if (provider != "openai")
        {
            return await RunProviderAsync(provider, options, stop.Task);
        }

        await using var server = await FakeVideosApiServer.StartAsync(options);

        Console.WriteLine($"Listening on {server.BaseUrl}");
        Console.WriteLine($"  export OPENAI_BASE_URL={server.BaseUrl}");
        Console.WriteLine($"  export OPENAI_API_KEY={server.ApiKey}");
        Console.WriteLine($"Models: {string.Join("; ", options.Models.Select(m => $"{m.Name} ({string.Join('/', m.Seconds)} s; {string.Join(", ", m.Sizes)})"))}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Jobs complete after {options.JobDuration.TotalSeconds:0.#} s; random faults on {options.RandomFaultRate:P0} of requests (seed {options.Seed})."));
        Console.WriteLine("Press Ctrl+C to stop.");
        await stop.Task;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopping: {server.JobsCreated} jobs created, {server.BilledSeconds} s that a real service would bill."));
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
    }

    /// <summary>The fake Gemini, Runway or fal service, with the same job timing, faults, seed and cache as asked for.</summary>
    private static async Task<int> RunProviderAsync(string provider, FakeVideosApiOptions asked, Task stop)
    {
        var options = new FakeProviderOptions
        {
            Port = asked.Port,
            ApiKey = asked.ApiKey == new FakeVideosApiOptions().ApiKey ? null : asked.ApiKey,
            PollsToComplete = asked.PollsToComplete,
            JobDuration = asked.JobDuration,
            RandomFaultRate = asked.RandomFaultRate,
            Seed = asked.Seed,
            MediaCacheFolder = asked.MediaCacheFolder,
            Log = asked.Log,
        };
        if (provider == "gemini")
        {
            await using var gemini = await FakeGeminiServer.StartAsync(options);
            Console.WriteLine($"Fake Gemini API listening on {gemini.BaseUrl} (downloads on {gemini.Downloads.Root})");
            Console.WriteLine($"  export RECREATION_Gemini__BaseUrl={gemini.BaseUrl}");
            Console.WriteLine($"  export GEMINI_API_KEY={gemini.ApiKey}");
            Console.WriteLine($"Models: {string.Join(", ", FakeGeminiServer.Models)}");
            await WaitAsync(options, stop);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopping: {gemini.JobsCreated} operations started, {gemini.BilledSeconds} s that Google would bill."));
            return 0;
        }

        if (provider == "fal")
        {
            await using var fal = await FakeFalServer.StartAsync(options);
            Console.WriteLine($"Fake fal queue listening on {fal.BaseUrl} (downloads on {fal.Downloads.Root})");
            Console.WriteLine($"  export RECREATION_Fal__BaseUrl={fal.BaseUrl}");
            Console.WriteLine($"  export FAL_KEY={fal.ApiKey}");
            Console.WriteLine("Models: any model id; the Kling 2.1 ids (fal-ai/kling-video/...) have their inputs checked.");
            await WaitAsync(options, stop);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopping: {fal.JobsCreated} requests queued, {fal.BilledSeconds} s that fal would bill."));
            return 0;
        }

        if (provider == "openrouter")
        {
            await using var openRouter = await FakeOpenRouterServer.StartAsync(options);
            Console.WriteLine($"Fake OpenRouter video API listening on {openRouter.BaseUrl} (its content endpoint redirects to {openRouter.Downloads.Root})");
            Console.WriteLine($"  export RECREATION_OpenRouter__BaseUrl={openRouter.BaseUrl}");
            Console.WriteLine($"  export OPENROUTER_API_KEY={openRouter.ApiKey}");
            Console.WriteLine($"Models (inputs checked): {string.Join(", ", FakeOpenRouterModel.Known.Select(m => m.Id))}; any other owner/name takes any documented value.");
            await WaitAsync(options, stop);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopping: {openRouter.JobsCreated} jobs submitted, {openRouter.BilledSeconds} s that OpenRouter would bill."));
            return 0;
        }

        if (provider == "replicate")
        {
            await using var replicate = await FakeReplicateServer.StartAsync(options);
            Console.WriteLine($"Fake Replicate API listening on {replicate.BaseUrl} (output files on {replicate.Downloads.Root}, which need the token)");
            Console.WriteLine($"  export RECREATION_Replicate__BaseUrl={replicate.BaseUrl}");
            Console.WriteLine($"  export RECREATION_Replicate__KeyHosts={replicate.DownloadHost}");
            Console.WriteLine($"  export REPLICATE_API_TOKEN={replicate.ApiKey}");
            Console.WriteLine($"Models: any owner/name; {string.Join(", ", FakeReplicateServer.Models)} have their inputs checked.");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Jobs complete after {options.JobDuration.TotalSeconds:0.#} s; random faults on {options.RandomFaultRate:P0} of requests (seed {options.Seed}), creates dropped too."));
            Console.WriteLine("Press Ctrl+C to stop.");
            await stop;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopping: {replicate.JobsCreated} predictions created, {replicate.BilledSeconds} s that Replicate would bill."));
            return 0;
        }

        await using var runway = await FakeRunwayServer.StartAsync(options);
        Console.WriteLine($"Fake Runway API listening on {runway.BaseUrl} (downloads on {runway.Downloads.Root})");
        Console.WriteLine($"  export RECREATION_Runway__BaseUrl={runway.BaseUrl}");
        Console.WriteLine($"  export RUNWAYML_API_SECRET={runway.ApiKey}");
        Console.WriteLine($"Models: {string.Join(", ", FakeRunwayServer.Models)}");
        await WaitAsync(options, stop);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stopping: {runway.JobsCreated} tasks created, {runway.BilledSeconds} s that Runway would bill."));
        return 0;
    }

    private static async Task WaitAsync(FakeProviderOptions options, Task stop)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Jobs complete after {options.JobDuration.TotalSeconds:0.#} s; random faults on {options.RandomFaultRate:P0} of requests (seed {options.Seed}); creates are never dropped at random."));
        Console.WriteLine("Press Ctrl+C to stop.");
        await stop;
    }

    /// <summary>Takes <c>--provider</c> out of the arguments (default openai).</summary>
    private static (string Provider, string[] Others) Provider(string[] args)
    {
        var index = Array.IndexOf(args, "--provider");
        if (index < 0)
        {
            return ("openai", args);
        }

        var value = index + 1 < args.Length ? args[index + 1] : throw new FormatException("--provider needs a value.");
        if (value is not ("openai" or "gemini" or "runway" or "fal" or "replicate" or "openrouter"))
        {
            throw new FormatException($"--provider must be openai, gemini, runway, fal, replicate or openrouter, got '{value}'.");
        }

        return (value, [.. args[..index], .. args[(index + 2)..]]);
    }

    /// <summary>The options the arguments ask for; null for --help.</summary>
    private static FakeVideosApiOptions? Parse(string[] args)
    {
        var options = new FakeVideosApiOptions
        {
            PollsToComplete = 1,
            JobDuration = TimeSpan.FromSeconds(10),
            PollAfter = TimeSpan.FromSeconds(1),
            Log = line => Console.WriteLine(line),
        };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new FormatException($"{name} needs a value.");
            options = name switch
            {
                "--help" or "-h" => null,
                "--port" => options with { Port = Number(name, Value(), 0, 65535) },
                "--key" => options with { ApiKey = Value() },
                "--fault-rate" => options with { RandomFaultRate = Rate(name, Value()) },
                "--seed" => options with { Seed = Number(name, Value(), int.MinValue, int.MaxValue) },
                "--job-seconds" => options with { JobDuration = TimeSpan.FromSeconds(Number(name, Value(), 0, 3600)) },
                "--poll-after-ms" => options with { PollAfter = TimeSpan.FromMilliseconds(Number(name, Value(), 0, 600_000)) },
                "--cache" => options with { MediaCacheFolder = Path.GetFullPath(Value()) },
                "--quiet" => options with { Log = null },
                _ => throw new FormatException($"Unknown option '{name}'."),
            };
            if (options is null)
            {
                return null;
            }
        }

        return options;
    }

    private static double Rate(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate is >= 0 and <= 1
            ? rate
            : throw new FormatException($"{name} must be a number from 0 to 1, got '{value}'.");

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min} to {max}, got '{value}'."));
}