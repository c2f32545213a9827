using Recreation.Generation;

namespace Recreation.Pipeline.Tests.OpenAI;

/// <summary>
/// A backend that lets each submission reach the service, then "crashes" before the caller can save
/// the job id: the create's answer is lost (an unexpected exception, which by
/// <see cref="IClipGenerator.SubmitAsync"/>'s contract means exactly that), so the clip stays
/// "submitting" with no job id, as after a kill.
/// </summary>
internal sealed class CrashAfterSubmit(IClipGenerator inner) : IClipGenerator
{
    public async Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default)
    {
        await inner.SubmitAsync(request, cancellationToken);
        throw new CrashException();
    }

    public Task<JobOutcome> AwaitAsync(GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default) => inner.AwaitAsync(job, progress, cancellationToken);

    public Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        inner.FetchAsync(job, request, destinationPath, progress, cancellationToken);

    public Task<GenerationJob?> FindSubmittedAsync(ClipRequest request, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        inner.FindSubmittedAsync(request, since, cancellationToken);

    public sealed class CrashException() : Exception("simulated crash");
}