using Recreation.Core.Model;

namespace Recreation.Generation;

/// <summary>
/// A text-to-video backend, in three steps so that a run can stop between any two of them and
/// resume without paying twice: <see cref="SubmitAsync"/> (the only step that may cost money),
/// <see cref="AwaitAsync"/> (poll until the job ends), <see cref="FetchAsync"/> (write the clip).
/// </summary>
public interface IClipGenerator
{
    Backend Backend { get; }

    Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default);

    Task<JobOutcome> AwaitAsync(GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Writes the finished clip to <paramref name="destinationPath"/> (complete or not at all).</summary>
    Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Looks for a job that a create call for <paramref name="request"/> may have started before the
    /// caller lost the answer (a crash between sending and saving the job id): the newest job with the
    /// same prompt, model, size and length created at or after <paramref name="since"/>. Backends that
    /// cost nothing have nothing to reconcile and return null.
    /// </summary>
    Task<GenerationJob?> FindSubmittedAsync(ClipRequest request, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult<GenerationJob?>(null);
}