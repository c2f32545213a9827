using Microsoft.Extensions.Logging;

namespace Recreation.Media.Stitching;

/// <summary>
/// <see cref="StitchPath.StreamCopy"/>: the clips already are what the output must be, so they are
/// concatenated as they are (each cut to its own video length, so longer audio does not leave a
/// gap) and only the audio is encoded, when it is not AAC 48 kHz stereo already or is normalised.
/// </summary>
internal sealed class StreamCopyExecutor(FFmpegRunner runner, ILogger logger) : StitchExecutor(runner, logger)
{
    public override async Task<StitchResult> RunAsync(StitchJob job, StitchRoute route, CancellationToken cancellationToken)
    {
        var (infos, frames, spec, target) = (job.Infos, route.Frames, route.Specs[0], job.Output);
        var entries = infos.Select((info, i) => new ConcatList.Entry(info.Path, spec.DurationOf(frames[i]),
            info.Audio?.Duration > info.VideoDuration ? spec.DurationOf(frames[i]) : null));
        var input = await ConcatList.WriteAsync(job.Work.File("copy.txt"), entries, cancellationToken).ConfigureAwait(false);
        var audio = infos[0].Audio;
        var audioIsFinal = audio is { Codec: "aac", SampleRate: 48000, Channels: 2 };
        var output = new OutputJob(input, target.Path, target.Width, target.Height, target.Fps, frames.Sum(), audio is not null, audioIsFinal, target.LoudnessLufs)
        {
            Finishing = target.Finishing,
        };
        return await WriteAsync(output, job, route, overlapFrames: 0, cancellationToken).ConfigureAwait(false);
    }
}