using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Planning;
using Recreation.Generation;
using Recreation.Media.Probing;
using Recreation.Media.Validation;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Running;

/// <summary>
/// Takes one clip from planned to downloaded: reuse the cached file when its key matches, resume a
/// saved job id, or submit, await and fetch; then validate the file. Every step is written to the
/// ledger before the next begins.
/// </summary>
internal sealed class ClipGeneration(
    IClipGenerator generator,
    MediaValidator validator,
    RunWorkspace workspace,
    RunLedger ledger,
    ILogger logger,
    Action<MediaInfo> probed)
{
    public async Task<ClipRecord> RunAsync(ClipPlan clip, ClipRequest request, decimal estimatedUsd, bool force, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var file = Path.Combine(workspace.ClipsFolder, request.CacheKey + ".mp4");
        var record = ledger.Find(clip.Id);
        if (record is null || record.CacheKey != request.CacheKey || force)
        {
            // A new clip, or one whose inputs changed: what the ledger said about the old one no longer applies.
            record = ledger.Save(new ClipRecord { Id = clip.Id, CacheKey = request.CacheKey, Seconds = clip.Seconds, EstimatedUsd = estimatedUsd });
        }

        if (!force && File.Exists(file) && await IsUsableAsync(file, clip, cancellationToken))
        {
            logger.LogInformation("Clip {ClipId}: cached ({CacheKey})", clip.Id, request.CacheKey[..12]);
            progress.Report(1);
            var conformedStillValid = record.State == ClipState.Conformed && record.File == workspace.Relative(file);
            return ledger.Update(clip.Id, r => r with
            {
                State = conformedStillValid ? ClipState.Conformed : ClipState.Downloaded,
                File = workspace.Relative(file),
                CacheHit = true,
                Error = null,
            });
        }

        var job = record is { JobId: { } savedId, State: ClipState.Submitted or ClipState.Completed }
            ? new GenerationJob(clip.Id, savedId)
            : await SubmitAsync(clip, request, cancellationToken);

        var outcome = await generator.AwaitAsync(job, new Progress<double>(f => progress.Report(f * 0.8)), cancellationToken);
        if (!outcome.Completed)
        {
            throw new RecreationException($"Clip {clip.Id} was not generated: {outcome.FailureReason}", ExitCodes.RunFailed);
        }

        ledger.Update(clip.Id, r => r with { State = ClipState.Completed });
        await generator.FetchAsync(job, request, file, new Progress<double>(f => progress.Report(0.8 + (f * 0.2))), cancellationToken);
        // A clip rendered here is not decoded again; a downloaded one is (mid-file damage shows only there).
        var decode = generator.Backend == Core.Model.Backend.Placeholder ? DecodeCheck.None : DecodeCheck.Quick;
        var validation = await validator.ValidateAsync(new MediaValidationRequest(file) { Label = clip.Id, MinimumDuration = TimeSpan.FromMilliseconds(clip.ShareMs), Decode = decode }, cancellationToken);
        if (!validation.IsValid)
        {
            File.Delete(file);
            throw new RecreationException($"Clip {clip.Id} arrived damaged: {string.Join("; ", validation.Problems)}", ExitCodes.RunFailed);
        }

        probed(validation.Info!);

        progress.Report(1);
        logger.LogInformation("Clip {ClipId}: generated {Seconds} s", clip.Id, clip.Seconds);
        return ledger.Update(clip.Id, r => r with { State = ClipState.Downloaded, File = workspace.Relative(file), CacheHit = false, Error = null });
    }

    private async Task<GenerationJob> SubmitAsync(ClipPlan clip, ClipRequest request, CancellationToken cancellationToken)
    {
        if (generator.Backend == Core.Model.Backend.Manual)
        {
            // Nothing is submitted on the manual backend: a person makes the clip, and the
            // generator reports it missing. The ledger keeps no attempt for it.
            return await generator.SubmitAsync(request, cancellationToken);
        }

        ledger.Update(clip.Id, r => r with { State = ClipState.Submitting, Attempts = r.Attempts + 1 });
        var job = await generator.SubmitAsync(request, cancellationToken);
        ledger.Update(clip.Id, r => r with { State = ClipState.Submitted, JobId = job.JobId });
        logger.LogInformation("Clip {ClipId}: submitted as job {JobId}", clip.Id, job.JobId);
        return job;
    }

    private async Task<bool> IsUsableAsync(string file, ClipPlan clip, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(new MediaValidationRequest(file) { Label = clip.Id, MinimumDuration = TimeSpan.FromMilliseconds(clip.ShareMs), Decode = DecodeCheck.None }, cancellationToken);
        if (result.IsValid)
        {
            probed(result.Info!);
        }
        else
        {
            logger.LogWarning("Clip {ClipId}: cached file is unusable ({Problems}); generating it again", clip.Id, string.Join("; ", result.Problems));
        }

        return result.IsValid;
    }
}