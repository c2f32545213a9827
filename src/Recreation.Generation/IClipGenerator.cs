namespace Recreation.Generation;

/// <summary>
/// A text-to-video backend, in three steps so that a run can stop between any two of them and
/// resume without paying twice: <see cref="SubmitAsync"/> (the only step that may cost money),
/// <see cref="AwaitAsync"/> (poll until the job ends), <see cref="FetchAsync"/> (write the clip).
/// A provider (<see cref="Providers.IClipProvider"/>) builds it for one target and declares what it
/// can do; the generator maps its service's answers into neutral outcomes, so its callers never see
/// the protocol.
/// </summary>
public interface IClipGenerator
{
    /// <summary>
    /// Starts the job. Throws <see cref="SubmissionRefusedException"/> when the failure proves no
    /// job exists; any other exception means the answer was lost and a job may exist.
    /// </summary>
    Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default);

    /// <summary>Polls until the job ends; a job that did not complete is a <see cref="JobOutcome"/>, not an exception.</summary>
    Task<JobOutcome> AwaitAsync(GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Writes the finished clip to <paramref name="destinationPath"/> (complete or not at all); <see cref="ClipExpiredException"/> when the output is gone.</summary>
    Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Looks for a job that a create call for <paramref name="request"/> may have started before the
    /// caller lost the answer (a crash between sending and saving the job id): the newest job with the
    /// same prompt, model, size and length created at or after <paramref name="since"/>. Called only
    /// for providers that declare <see cref="Providers.LostCreateRecovery.ListReconciliation"/>; the
    /// others return null. Null means the list proves there is none; when the list cannot tell,
    /// <see cref="LostCreateUndecidedException"/> (the clip is then in doubt).
    /// </summary>
    Task<GenerationJob?> FindSubmittedAsync(ClipRequest request, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult<GenerationJob?>(null);
}