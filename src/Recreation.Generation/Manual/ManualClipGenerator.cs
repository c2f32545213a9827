
namespace Recreation.Generation.Manual;

/// <summary>
/// The <c>manual</c> backend: a person generates each clip in a web app and imports the file
/// (<c>recreate import</c>), which puts it into the run's clip cache under the clip's key. The run
/// only asks this generator for a clip whose file is not there, so every request is answered with
/// <see cref="ClipMissingException"/>: nothing is submitted, nothing is spent, and the clip is
/// reported as missing rather than failed.
/// </summary>
public sealed class ManualClipGenerator : IClipGenerator
{
    public Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default) =>
        throw new ClipMissingException(request.ClipId);

    public Task<JobOutcome> AwaitAsync(GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        throw new ClipMissingException(job.ClipId);

    public Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        throw new ClipMissingException(job.ClipId);
}