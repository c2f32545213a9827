using System.Globalization;

using Recreation.Media.Conforming;
using Recreation.Media.Processes;

namespace Recreation.Media.Stitching;

/// <summary>
/// Runs a <see cref="TransitionGraph"/> over conformed clips into one intermediate (same encoder
/// settings), then checks the frame count ffmpeg reports against the graph's arithmetic: an xfade
/// offset past the end silently drops a clip, so a wrong length must fail loudly here.
/// </summary>
internal sealed class TransitionJoiner(FFmpegRunner runner)
{
    public async Task<string> JoinAsync(IReadOnlyList<ConformedClip> clips, TransitionGraph graph, string output, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var spec = clips[0].Spec;
        var arguments = new ArgumentsBuilder();
        foreach (var clip in clips)
        {
            arguments.Input(clip.Path);
        }

        arguments.Add("-filter_complex", graph.Filter)
            .Add("-map", TransitionGraph.VideoOut).Add("-map", TransitionGraph.AudioOut)
            .AddRange(IntermediateFormat.VideoEncoder(spec.Fps))
            .AddRange(IntermediateFormat.AudioEncoder)
            .AddRange(IntermediateFormat.Muxer(spec.Fps))
            .Output(output);
        var duration = spec.DurationOf(graph.TotalFrames);
        var command = MediaCommand.FFmpeg(arguments.Build(), $"joining {clips.Count} clips with transitions").WithProgress(progress, duration) with { OutputPath = output };
        var result = await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);

        var frames = result.FramesWritten ?? -1;
        if (Math.Abs(frames - graph.TotalFrames) > 1)
        {
            throw new MediaException(string.Create(CultureInfo.InvariantCulture,
                $"Joining with transitions gave {frames} frames where Σ clips − Σ transitions = {graph.TotalFrames}: ffmpeg dropped or repeated part of a clip. Report this with the clips and transitions used."));
        }

        return output;
    }
}