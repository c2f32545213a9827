using System.Globalization;

using Microsoft.Extensions.Logging;

using Recreation.Media.Conforming;
using Recreation.Media.Probing;
using Recreation.Media.Processes;

namespace Recreation.Media.Stitching;

/// <summary>
/// Conform and join in one ffmpeg run, for a stitch that caches nothing: every clip's conform
/// graph (fit, fps, SAR, yuv420p, exact frame count by <c>tpad</c>+<c>trim</c>, so every xfade
/// offset is exact) feeds the transition chain inside one filter_complex, and the picture is
/// encoded once instead of twice (per-clip intermediates, then the joined one). The soundtrack is
/// made at the same time by a separate run (<see cref="Soundtrack"/>: conform, acrossfade chain,
/// both loudness passes), and the output step muxes the two by copy.
/// </summary>
internal sealed class OnePassJoiner(FFmpegRunner runner, ILogger logger)
{
    /// <summary>More inputs than this open too many decoders in one process: the per-clip conform path is used instead.</summary>
    public const int MaxClips = 16;

    /// <summary>Why a stitch cannot be done in one pass, or null when it can.</summary>
    public static string? Obstacle(StitchSettings settings, int clipCount)
    {
        return clipCount > MaxClips ? string.Create(CultureInfo.InvariantCulture, $"{clipCount} clips are more than one ffmpeg run decodes at once ({MaxClips})")
            : settings.TrimHead is not null ? "trimming heads needs each clip's opening detected first, which the per-clip conform does"
            : null;
    }

    /// <summary>The joined picture (an intermediate in the job's work folder), the soundtrack, and the transition graph the picture was joined by.</summary>
    public async Task<(string Video, Soundtrack.Result Audio, TransitionGraph Graph)> JoinAsync(StitchJob job, StitchRoute route, CancellationToken cancellationToken)
    {
        var (infos, transitions, target, name, work, progress) = job;
        var (specs, frames) = (route.Specs, route.Frames);
        var (loudnessLufs, musicFollows) = (target.LoudnessLufs, target.Finishing.Music is not null);
        var fps = specs[0].Fps;
        var inputs = new ArgumentsBuilder();
        foreach (var info in infos)
        {
            inputs.Input(info.Path);
        }

        var videoGraph = string.Join(';', infos.Select((info, i) =>
            ConformFilters.Video(specs[i], frames[i], info.Video!, input: Label($"{i}:v:0"), output: Label($"c{i}"))));
        var graph = TransitionGraph.Build(frames, transitions, fps, name, videoSource: i => Label($"c{i}"), media: GraphMedia.Video);
        var soundGraph = SoundGraph(infos, specs, frames, transitions, name);
        var duration = specs[0].DurationOf(graph.TotalFrames);

        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var output = work.File("picture" + IntermediateFormat.Extension);
        var videoArguments = new ArgumentsBuilder()
            .AddRange(inputs.Build())
            .Add("-filter_complex", videoGraph + ";" + graph.Filter)
            .Add("-map", TransitionGraph.VideoOut)
            .AddRange(IntermediateFormat.VideoEncoder(fps))
            .Add("-t", duration + (specs[0].DurationOf(1) / 2))
            .AddRange(IntermediateFormat.Muxer(fps))
            .Output(output)
            .Build();
        // Phases are reported one after the other (a console prints each as a line): the picture
        // run is "conforming"; joining and measuring then complete as the sound run finishes.
        var conforming = new PhaseProgress(progress, StitchPhase.Conforming);
        conforming.Start();
        var videoTask = StopOtherOnFailure(runner.RunAsync(
            MediaCommand.FFmpeg(videoArguments, $"conforming and joining {infos.Count} clips in one pass").WithProgress(conforming, duration) with { OutputPath = output },
            failFast.Token), failFast);
        var audioTask = StopOtherOnFailure(new Soundtrack(runner, logger).MakeAsync(inputs.Build(), soundGraph, duration, loudnessLufs, musicFollows, work,
            progress: null, failFast.Token), failFast);
        await Task.WhenAll(videoTask, audioTask).ConfigureAwait(false);

        var written = (await videoTask.ConfigureAwait(false)).FramesWritten ?? -1;
        if (written != graph.TotalFrames)
        {
            throw new MediaException(string.Create(CultureInfo.InvariantCulture,
                $"Joining in one pass gave {written} frames where Σ clips − Σ transitions = {graph.TotalFrames}: ffmpeg dropped or repeated part of a clip. Report this with the clips and transitions used."));
        }

        conforming.Done();
        foreach (var phase in loudnessLufs is null || musicFollows ? [StitchPhase.Joining] : new[] { StitchPhase.Joining, StitchPhase.MeasuringLoudness })
        {
            new PhaseProgress(progress, phase).Start();
            new PhaseProgress(progress, phase).Done();
        }

        return (output, await audioTask.ConfigureAwait(false), graph);
    }

    /// <summary>The joined soundtrack over the clips as inputs 0..n−1: each conformed to 48 kHz stereo of exactly its frames' length, then the transitions.</summary>
    internal static string SoundGraph(IReadOnlyList<MediaInfo> infos, IReadOnlyList<ConformSpec> specs, IReadOnlyList<long> frames, IReadOnlyList<Transition> transitions, Func<int, string> name)
    {
        var fps = specs[0].Fps;
        var perClip = string.Join(';', infos.Select((info, i) =>
            ConformFilters.Audio(info.Audio, ConformFilters.SamplesFor(frames[i], fps), specs[i], frames[i], info.Video!.StartTime,
                input: Label($"{i}:a:0"), silence: "anullsrc=r=48000:cl=stereo,", output: Label($"ca{i}"))));
        return perClip + ";" + TransitionGraph.Build(frames, transitions, fps, name, audioSource: i => Label($"ca{i}"), media: GraphMedia.Audio).Filter;
    }

    private static string Label(string name) => "[" + name + "]";

    /// <summary>One side failing stops the other at once rather than after minutes of encoding.</summary>
    internal static async Task<T> StopOtherOnFailure<T>(Task<T> task, CancellationTokenSource others)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await others.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}