using System.Globalization;

using Microsoft.Extensions.Logging;

using Recreation.Media.Conforming;
using Recreation.Media.Probing;
using Recreation.Media.Processes;

namespace Recreation.Media.Stitching;

/// <summary>
/// Transitions without re-encoding everything (issue 5, FFMPEG.md "Crossfades"): when all clips
/// share their codec parameters (checked by the caller) and store frames in display order (no
/// B-frames), only the window around each boundary is re-encoded — from the last keyframe at or
/// before the transition's start in the outgoing clip to the first keyframe at or after its end
/// in the incoming one — with the intermediates' encoder settings; the rest of every clip is
/// copied, and the concat demuxer (<c>inpoint</c>/<c>outpoint</c> on keyframes) assembles one
/// stream. The soundtrack is made in parallel as on the one-pass path. Anything that makes this
/// unsafe is an obstacle, and the caller re-encodes in full.
/// </summary>
internal sealed class WindowedJoiner(FFmpegRunner runner, ILogger logger)
{
    /// <summary>Windows re-encoding more than this share of all frames are not worth their extra runs.</summary>
    private const double MaxReencodedShare = 0.5;

    /// <summary>The window of the transition into clip <see cref="Into"/>: clip Into−1 from frame <see cref="From"/>, clip Into up to frame <see cref="To"/>.</summary>
    internal sealed record Window(int Into, long From, long To, long Overlap)
    {
        public long Frames(IReadOnlyList<long> clipFrames) => clipFrames[Into - 1] - From + To - Overlap;
    }

    /// <summary>What is copied of each clip (frames [<see cref="Starts"/>, <see cref="Ends"/>)) and the windows between them.</summary>
    internal sealed record Plan(IReadOnlyList<long> Frames, IReadOnlyList<long> Starts, IReadOnlyList<long> Ends, IReadOnlyList<Window> Windows, long TotalFrames, long OverlapFrames)
    {
        public long ReencodedFrames => Windows.Sum(w => w.Frames(Frames));
    }

    /// <summary>Thrown when a window turns out not to join by copy (its codec parameters differ from the clips'); the caller re-encodes in full.</summary>
    internal sealed class FallbackException(string reason) : Exception(reason);

    /// <summary>The plan, or why there is none. <paramref name="frames"/> are the clips' planned lengths (they must be the clips' own).</summary>
    public static (Plan? Plan, string? Obstacle) Decide(
        IReadOnlyList<MediaInfo> infos, IReadOnlyList<long> frames, IReadOnlyList<Transition> transitions, Rational fps, Func<int, string> name)
    {
        if (transitions.All(t => t.IsCut))
        {
            return (null, "every transition is a cut");
        }

        var first = infos[0].Video!;
        var keyframes = new List<long[]>();
        for (var i = 0; i < infos.Count; i++)
        {
            var video = infos[i].Video!;
            var obstacle = video switch
            {
                { BFrames: > 0 } => $"{name(i)} has B-frames (has_b_frames={video.BFrames}): a copied GOP next to a re-encoded window would not decode",
                { Keyframes: null or { Count: 0 } } => $"the keyframes of {name(i)} are not known",
                { FrameCount: null } => $"the frame count of {name(i)} is not known",
                _ when video.FrameCount != frames[i] => string.Create(CultureInfo.InvariantCulture, $"{name(i)} has {video.FrameCount} frames, and {frames[i]} are to be used (it would need trimming)"),
                _ when video.ExtradataHash is null || video.ExtradataHash != first.ExtradataHash => $"{name(i)} differs from the first clip in codec parameters (SPS/PPS extradata)",
                _ => null,
            };
            if (obstacle is not null)
            {
                return (null, obstacle);
            }

            keyframes.Add(video.Keyframes!.Select(t => (long)Math.Round(t.TotalSeconds * fps.ToDouble())).Distinct().Order().ToArray());
        }

        var overlaps = TransitionGraph.CheckFit(frames, transitions, fps, name);
        var starts = new long[frames.Count];
        var ends = frames.ToArray();
        var windows = new List<Window>();
        for (var i = 1; i < frames.Count; i++)
        {
            var t = overlaps[i - 1];
            if (t == 0)
            {
                continue;
            }

            var from = keyframes[i - 1].LastOrDefault(k => k <= frames[i - 1] - t);
            var after = keyframes[i].FirstOrDefault(k => k >= t);
            var to = after >= t ? after : frames[i];
            (ends[i - 1], starts[i]) = (from, to);
            windows.Add(new Window(i, from, to, t));
        }

        for (var i = 0; i < frames.Count; i++)
        {
            if (starts[i] > ends[i])
            {
                return (null, string.Create(CultureInfo.InvariantCulture,
                    $"the keyframes of {name(i)} are too far apart: its windows would overlap (frames {starts[i]} and {ends[i]} of {frames[i]})"));
            }
        }

        var plan = new Plan(frames, starts, ends, windows, frames.Sum() - overlaps.Sum(), overlaps.Sum());
        var share = plan.ReencodedFrames / (double)plan.TotalFrames;
        return share > MaxReencodedShare
            ? (null, string.Create(CultureInfo.InvariantCulture, $"keyframes are too sparse: the windows would re-encode {share:P0} of the frames"))
            : (plan, null);
    }

    /// <summary>Encodes the windows (in parallel) and the soundtrack; returns the concat input of the whole picture and the sound.</summary>
    public async Task<(IReadOnlyList<string> Video, Soundtrack.Result Audio)> JoinAsync(
        Plan plan, IReadOnlyList<MediaInfo> infos, IReadOnlyList<Transition> transitions, string soundGraph, Rational fps,
        double? loudnessLufs, bool musicFollows, Func<int, string> name, WorkFolder work, IProgress<StitchProgress>? progress, CancellationToken cancellationToken)
    {
        var frameLength = TimeSpan.FromSeconds(fps.Invert().ToDouble());
        TimeSpan At(long frame) => TimeSpan.FromTicks((long)Math.Round((decimal)frame * fps.Denominator * TimeSpan.TicksPerSecond / fps.Numerator));
        var inputs = new ArgumentsBuilder();
        foreach (var info in infos)
        {
            inputs.Input(info.Path);
        }

        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var audioTask = OnePassJoiner.StopOtherOnFailure(
            new Soundtrack(runner, logger).MakeAsync(inputs.Build(), soundGraph, At(plan.TotalFrames), loudnessLufs, musicFollows, work, progress: null, failFast.Token), failFast);

        var phase = new PhaseProgress(progress, StitchPhase.Joining);
        phase.Start();
        var paths = new string[plan.Windows.Count];
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = failFast.Token };
        var windowsTask = OnePassJoiner.StopOtherOnFailure(Parallel.ForEachAsync(Enumerable.Range(0, plan.Windows.Count), options, async (w, token) =>
        {
            var window = plan.Windows[w];
            var (before, into) = (infos[window.Into - 1], infos[window.Into]);
            var lead = plan.Frames[window.Into - 1] - window.From;
            var graph = TransitionGraph.Build([lead, window.To], [transitions[window.Into - 1]], fps, j => name(window.Into - 1 + j), videoSource: j => $"[w{j}]", media: GraphMedia.Video);
            var output = work.File(string.Create(CultureInfo.InvariantCulture, $"window-{w:D4}{IntermediateFormat.Extension}"));
            // Seek half a frame before the window's keyframe: ffmpeg decodes from the keyframe at or
            // before that point and drops every frame before it, so the first frame kept is exactly the keyframe.
            var seek = window.From > 0 ? At(window.From) - (frameLength / 2) : TimeSpan.Zero;
            var arguments = new ArgumentsBuilder()
                .Add("-ss", seek).Input(before.Path)
                // Read the incoming clip only as far as the window needs: trim alone stops the
                // filter, not the decoder, which would otherwise decode the whole clip.
                .Add("-t", At(window.To + 1)).Input(into.Path)
                .Add("-filter_complex", string.Create(CultureInfo.InvariantCulture,
                    $"[0:v:0]setpts=PTS-STARTPTS,trim=end_frame={lead}[w0];[1:v:0]trim=end_frame={window.To},setpts=PTS-STARTPTS[w1];") + graph.Filter)
                .Add("-map", TransitionGraph.VideoOut)
                .AddRange(IntermediateFormat.VideoEncoder(fps))
                .Add("-an")
                .AddRange(IntermediateFormat.Muxer(fps))
                .Output(output)
                .Build();
            var result = await runner.RunAsync(MediaCommand.FFmpeg(arguments, $"re-encoding the transition into {name(window.Into)}") with { OutputPath = output }, token).ConfigureAwait(false);
            if (result.FramesWritten != graph.TotalFrames)
            {
                throw new MediaException(string.Create(CultureInfo.InvariantCulture,
                    $"The window of the transition into {name(window.Into)} came out {result.FramesWritten} frames long instead of {graph.TotalFrames}. Report this with the clips used."));
            }

            paths[w] = output;
            phase.Report(Interlocked.Increment(ref done) / (double)plan.Windows.Count);
        }).ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default), failFast);
        await Task.WhenAll(windowsTask, audioTask).ConfigureAwait(false);

        // The strict check: the concat demuxer keeps the first file's SPS/PPS for the whole stream.
        var windowInfo = await new MediaProbe(runner).ProbeAsync(paths[0], cancellationToken).ConfigureAwait(false);
        if (windowInfo.Video?.ExtradataHash != infos[0].Video!.ExtradataHash)
        {
            throw new FallbackException("a re-encoded window's codec parameters (SPS/PPS) differ from the clips' (they were not made with Recreation's intermediate settings)");
        }

        phase.Done();
        var entries = new List<ConcatList.Entry>();
        var next = 0;
        for (var i = 0; i < infos.Count; i++)
        {
            var (start, end) = (plan.Starts[i], plan.Ends[i]);
            if (end > start)
            {
                entries.Add(new ConcatList.Entry(infos[i].Path, At(end - start),
                    OutPoint: end < plan.Frames[i] ? At(end) : null,
                    InPoint: start > 0 ? At(start) : null));
            }

            if (next < plan.Windows.Count && plan.Windows[next].Into == i + 1)
            {
                entries.Add(new ConcatList.Entry(paths[next], At(plan.Windows[next].Frames(plan.Frames))));
                next++;
            }
        }

        var video = await ConcatList.WriteAsync(work.File("windowed.txt"), entries, cancellationToken).ConfigureAwait(false);
        return (video, await audioTask.ConfigureAwait(false));
    }
}