using Microsoft.Extensions.Logging;

using Recreation.Media.Processes;

namespace Recreation.Media.Stitching;

/// <summary>
/// <see cref="StitchPath.OnePass"/>: every clip conformed and joined in one picture run beside one
/// soundtrack run (<see cref="OnePassJoiner"/>), then the two muxed into the output.
/// </summary>
internal sealed class OnePassExecutor(FFmpegRunner runner, ILogger logger) : StitchExecutor(runner, logger)
{
    public override async Task<StitchResult> RunAsync(StitchJob job, StitchRoute route, CancellationToken cancellationToken)
    {
        Logger.LogInformation("Conforming and joining the {ClipCount} clips in one pass (picture and sound in parallel runs)", job.Infos.Count);
        var target = job.Output;
        var music = target.Finishing.Music is not null;
        var (video, audio, graph) = await new OnePassJoiner(Runner, Logger).JoinAsync(job, route, cancellationToken).ConfigureAwait(false);
        var output = new OutputJob(new ArgumentsBuilder().Input(video).Build(), target.Path, target.Width, target.Height, target.Fps, graph.TotalFrames,
            HasAudio: true, AudioIsFinal: audio.IsFinal, music ? target.LoudnessLufs : null)
        {
            Finishing = target.Finishing,
            AudioInput = audio.Input,
            AppliedLoudness = audio.Applied,
        };
        return await WriteAsync(output, job, route, graph.OverlapFrames, cancellationToken).ConfigureAwait(false);
    }
}