using Microsoft.Extensions.Logging;

namespace Recreation.Media.Stitching;

/// <summary>
/// <see cref="StitchPath.Windowed"/>: only the windows around transitions are re-encoded and the
/// rest copied (<see cref="WindowedJoiner"/>), the soundtrack made beside them. Throws
/// <see cref="WindowedJoiner.FallbackException"/>, having written nothing, when the windows turn
/// out not to join by copy; the caller then takes the route's full re-encode.
/// </summary>
internal sealed class WindowedExecutor(FFmpegRunner runner, ILogger logger) : StitchExecutor(runner, logger)
{
    public override async Task<StitchResult> RunAsync(StitchJob job, StitchRoute route, CancellationToken cancellationToken)
    {
        var plan = route.Windows ?? throw new InvalidOperationException("A windowed route needs its windows planned.");
        Logger.LogInformation("Windowed transitions: re-encoding {Reencoded} of {Total} frames in {Windows} windows, copying the rest",
            plan.ReencodedFrames, plan.TotalFrames, plan.Windows.Count);
        var target = job.Output;
        // Intermediates' sound is conformed already; source clips' sound is conformed on the way in.
        var sound = route.ClipsConformed
            ? TransitionGraph.Build(route.Frames, job.Transitions, target.Fps, job.Name, media: GraphMedia.Audio).Filter
            : OnePassJoiner.SoundGraph(job.Infos, route.Specs, route.Frames, job.Transitions, job.Name);
        var music = target.Finishing.Music is not null;
        var (video, audio) = await new WindowedJoiner(Runner, Logger).JoinAsync(job, plan, sound, cancellationToken).ConfigureAwait(false);
        var output = new OutputJob(video, target.Path, target.Width, target.Height, target.Fps, plan.TotalFrames, HasAudio: true, AudioIsFinal: audio.IsFinal,
            music ? target.LoudnessLufs : null)
        {
            Finishing = target.Finishing,
            AudioInput = audio.Input,
            AppliedLoudness = audio.Applied,
        };
        return await WriteAsync(output, job, route, plan.OverlapFrames, cancellationToken).ConfigureAwait(false);
    }
}