using System.Collections.Concurrent;

using Recreation.Generation;
using Recreation.Generation.Placeholder;
using Recreation.Generation.Providers;
using Recreation.Media;

namespace Recreation.Pipeline.Tests.Providers;

/// <summary>What the fake service does with one create call.</summary>
internal enum CreateAnswer
{
    /// <summary>The job is created and its id answered.</summary>
    Created,

    /// <summary>The job is created, then the answer is lost (a timeout, a dropped connection).</summary>
    CreatedAnswerLost,

    /// <summary>
    /// The job is created, then the client gives up waiting for the answer the way HttpClient does
    /// (a <see cref="TaskCanceledException"/> around a <see cref="TimeoutException"/>, the run's own
    /// token not cancelled): a lost answer that is neither an IOException nor an HTTP exception.
    /// </summary>
    CreatedAnswerTimedOut,

    /// <summary>The job is created, then the process is stopped before it saves the id (the run is cancelled mid-create, like a kill).</summary>
    CreatedThenStopped,

    /// <summary>The service answers with an error: no job exists.</summary>
    Refused,
}

/// <summary>
/// A paid provider registered by the test, with no HTTP: its "service" is this object, which counts
/// the jobs it creates and renders their clips with the placeholder. What each create does is
/// scripted per call; the lost-create recovery it declares is the test's choice.
/// </summary>
internal sealed class FakePaidProvider(FFmpegRunner runner, LostCreateRecovery recovery) : IClipProvider
{
    public const string ProviderName = "fake-paid";

    public const string Dashboard = "https://fake.example/dashboard/tasks";

    private readonly ConcurrentDictionary<string, ClipRequest> _jobs = new();
    private int _creates;

    public string Name => ProviderName;

    public ProviderCapabilities Capabilities { get; } = new()
    {
        Paid = true,
        FirstFrame = true,
        LostCreateRecovery = recovery,
        Dashboard = Dashboard,
        DefaultConcurrency = 1,
    };

    /// <summary>What the Nth create call (1-based) of clip id does; default: created.</summary>
    public Func<int, string, CreateAnswer> Script { get; set; } = (_, _) => CreateAnswer.Created;

    /// <summary>Create calls that reached the service.</summary>
    public int Creates => Volatile.Read(ref _creates);

    /// <summary>Jobs that exist on the service, by clip id (a clip created twice shows twice).</summary>
    public IReadOnlyList<string> JobClipIds => _jobs.Values.Select(r => r.ClipId).ToList();

    /// <summary>Set by a test to stop the run the way a kill would (see <see cref="CreateAnswer.CreatedThenStopped"/>).</summary>
    public CancellationTokenSource? Stop { get; set; }

    public ProviderConnection Connect(ProviderTarget target, ProviderSettings settings) => new("fake://service", _ => new Generator(this, runner));

    private sealed class Generator(FakePaidProvider service, FFmpegRunner runner) : IClipGenerator
    {
        private readonly PlaceholderGenerator _render = new(runner);

        public Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default)
        {
            var number = Interlocked.Increment(ref service._creates);
            var answer = service.Script(number, request.ClipId);
            if (answer == CreateAnswer.Refused)
            {
                throw new SubmissionRefusedException("fake-paid answered 503: try again later", invalidInput: false);
            }

            var id = $"job-{number}";
            service._jobs[id] = request;
            return answer switch
            {
                CreateAnswer.CreatedAnswerLost => throw new IOException("The response ended prematurely."),
                CreateAnswer.CreatedAnswerTimedOut => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException("The operation was canceled.")),
                CreateAnswer.CreatedThenStopped => Stopped(),
                _ => Task.FromResult(new GenerationJob(request.ClipId, id)),
            };

            Task<GenerationJob> Stopped()
            {
                service.Stop!.Cancel();
                throw new OperationCanceledException(service.Stop.Token);
            }
        }

        public Task<JobOutcome> AwaitAsync(GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(JobOutcome.Success);

        public Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
            _render.FetchAsync(job, request, destinationPath, progress, cancellationToken);

        public Task<GenerationJob?> FindSubmittedAsync(ClipRequest request, DateTimeOffset since, CancellationToken cancellationToken = default)
        {
            var found = service._jobs.FirstOrDefault(j => j.Value.ClipId == request.ClipId && j.Value.Prompt == request.Prompt);
            return Task.FromResult(found.Key is null ? null : new GenerationJob(request.ClipId, found.Key));
        }
    }
}