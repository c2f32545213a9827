using System.Globalization;
using System.Text;

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

            keyframes.Add(KeyframeNumbers(video, fps).Distinct().Order().ToArray());
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

    /// <summary>
    /// Encodes every window in one ffmpeg run (one encoder start-up, and x264's threads stay busy
    /// across windows; eleven runs of 15 frames each cost 2.5× the CPU) while the soundtrack is
    /// made in parallel; returns the concat input of the whole picture and the sound. The windows
    /// follow each other in one file, each starting on a forced keyframe, and the concat list
    /// takes each back out with <c>inpoint</c>/<c>outpoint</c>.
    /// </summary>
    public async Task<(IReadOnlyList<string> Video, Soundtrack.Result Audio)> JoinAsync(StitchJob job, Plan plan, string soundGraph, CancellationToken cancellationToken)
    {
        var (infos, transitions, target, _, work, progress) = job;
        var (fps, loudnessLufs, musicFollows) = (target.Fps, target.LoudnessLufs, target.Finishing.Music is not null);
        var frameLength = TimeSpan.FromSeconds(fps.Invert().ToDouble());
        TimeSpan At(long frame) => TimeSpan.FromTicks((long)Math.Round((decimal)frame * fps.Denominator * TimeSpan.TicksPerSecond / fps.Numerator));
        var inputs = new ArgumentsBuilder();
        foreach (var info in infos)
        {
            inputs.Input(info.Path);
        }

        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var audioTask = OnePassJoiner.StopOtherOnFailure(
            new Soundtrack(runner, logger).MakeAsync(inputs.Build(), soundGraph, At(plan.TotalFrames), loudnessLufs, musicFollows, work, progress: null, failFast.Token, lastToFinish: true), failFast);

        var phase = new PhaseProgress(progress, StitchPhase.Joining);
        phase.Start();
        var output = work.File("windows" + IntermediateFormat.Extension);
        var arguments = new ArgumentsBuilder();
        var graph = new StringBuilder();
        var starts = new long[plan.Windows.Count];
        long total = 0;
        for (var w = 0; w < plan.Windows.Count; w++)
        {
            var window = plan.Windows[w];
            if (window.From > 0)
            {
                // Start exactly on the window's keyframe: without accurate seeking ffmpeg starts at the
                // keyframe at or before the point and keeps every frame, so half a frame past the
                // keyframe starts on it (accurate seeking would have to decode from the one before).
                arguments.Add("-noaccurate_seek").Add("-ss", At(window.From) + (frameLength / 2));
            }

            // One decoder thread each: every decoder here decodes a few frames, and starting and
            // syncing frame threads for them cost more CPU than they saved.
            arguments.Add("-threads", "1").Input(infos[window.Into - 1].Path)
                // Read the incoming clip only as far as the window needs: trim alone stops the
                // filter, not the decoder, which would otherwise decode the whole clip.
                .Add("-threads", "1").Add("-t", At(window.To + 1)).Input(infos[window.Into].Path);
            var lead = plan.Frames[window.Into - 1] - window.From;
            graph.Append(WindowGraph(2 * w, 2 * w + 1, lead, window.To, window.Overlap, transitions[window.Into - 1].Kind, string.Create(CultureInfo.InvariantCulture, $"[win{w}]")));
            starts[w] = total;
            total += window.Frames(plan.Frames);
        }

        graph.Append(string.Concat(Enumerable.Range(0, plan.Windows.Count).Select(w => string.Create(CultureInfo.InvariantCulture, $"[win{w}]"))))
            .Append(string.Create(CultureInfo.InvariantCulture, $"concat=n={plan.Windows.Count}:v=1:a=0,format=yuv420p[windows]"));
        arguments.Add("-filter_complex", graph.ToString())
            .Add("-map", "[windows]")
            .AddRange(IntermediateFormat.VideoEncoder(fps))
            // A quicker motion search than the clips': windows are mostly blends of two pictures,
            // where it finds little (the encode took 15 % less CPU for ~20 % more bits in 165 frames,
            // about 1 % of a 90 s output). SPS/PPS stay the clips', which the check below holds to.
            .Add("-x264-params", "subme=1:me=dia")
            .Add("-force_key_frames", IntermediateFormat.FrameTimes(starts, fps))
            .Add("-an")
            .AddRange(IntermediateFormat.Muxer(fps))
            .Output(output);
        var command = MediaCommand.FFmpeg(arguments.Build(), $"re-encoding the {plan.Windows.Count} transition windows").WithProgress(phase, At(total)) with { OutputPath = output };
        var windowsTask = OnePassJoiner.StopOtherOnFailure(EncodeWindowsAsync(command, total, starts, infos[0].Video!.ExtradataHash, fps, failFast.Token), failFast);
        await Task.WhenAll(windowsTask, audioTask).ConfigureAwait(false);
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
                var (from, frames) = (starts[next], plan.Windows[next].Frames(plan.Frames));
                entries.Add(new ConcatList.Entry(output, At(frames),
                    OutPoint: from + frames < total ? At(from + frames) : null,
                    InPoint: from > 0 ? At(from) : null));
                next++;
            }
        }

        var video = await ConcatList.WriteAsync(work.File("windowed.txt"), entries, cancellationToken).ConfigureAwait(false);
        return (video, await audioTask.ConfigureAwait(false));
    }

    /// <summary>Runs the windows' encode and checks what it wrote (while the soundtrack is still being made).</summary>
    private async Task<bool> EncodeWindowsAsync(MediaCommand command, long total, long[] starts, string? extradataHash, Rational fps, CancellationToken cancellationToken)
    {
        var written = (await runner.RunAsync(command, cancellationToken).ConfigureAwait(false)).FramesWritten;
        if (written != total)
        {
            // Each window is trimmed to at most its length, so the right total means every window is whole.
            throw new MediaException(string.Create(CultureInfo.InvariantCulture,
                $"The transition windows came out {written} frames long instead of {total}. Report this with the clips used."));
        }

        // The strict checks: the concat demuxer keeps the first file's SPS/PPS for the whole
        // stream, and takes each window out of the file from its keyframe.
        var info = (await new MediaProbe(runner).ProbeAsync(command.OutputPath!, countPackets: true, cancellationToken).ConfigureAwait(false)).Info;
        if (info.Video?.ExtradataHash != extradataHash)
        {
            throw new FallbackException("a re-encoded window's codec parameters (SPS/PPS) differ from the clips' (they were not made with Recreation's intermediate settings)");
        }

        var keyframes = KeyframeNumbers(info.Video!, fps).ToHashSet();
        if (starts.FirstOrDefault(s => !keyframes.Contains(s), -1) is var missing and >= 0)
        {
            throw new FallbackException(string.Create(CultureInfo.InvariantCulture,
                $"the re-encoded windows have no keyframe at frame {missing}, where a window starts, so it could not be cut out by copy"));
        }

        return true;
    }

    /// <summary>The frame numbers of a stream's keyframes (none when the probe did not list packets).</summary>
    private static IEnumerable<long> KeyframeNumbers(VideoStreamInfo video, Rational fps) =>
        video.Keyframes?.Select(t => (long)Math.Round(t.TotalSeconds * fps.ToDouble())) ?? [];

    /// <summary>
    /// One window as a graph over inputs <paramref name="before"/> (the outgoing clip from the
    /// window's keyframe, <paramref name="lead"/> frames) and <paramref name="after"/> (the
    /// incoming clip, <paramref name="to"/> frames), blending the last <paramref name="overlap"/>
    /// frames of one with the first of the other. The blend is an alpha fade overlaid in yuv420p:
    /// <c>xfade</c> in ffmpeg 5.1 only works in 4:4:4, and converting there and back cost more than
    /// the blend and softened the window's colour against the copied frames around it. The weights
    /// are xfade's: frame k of the overlap shows k/overlap of the incoming picture.
    /// </summary>
    internal static string WindowGraph(int before, int after, long lead, long to, long overlap, TransitionKind kind, string output)
    {
        var (head, tail) = (lead - overlap, to - overlap);
        var graph = new StringBuilder();
        graph.Append(Invariant($"[{before}:v:0]setpts=PTS-STARTPTS,trim=end_frame={lead},setpts=PTS-STARTPTS"));
        graph.Append(head > 0 ? Invariant($",split[s{before}h][s{before}t];[s{before}h]trim=end_frame={head}[s{before}head];[s{before}t]trim=start_frame={head},setpts=PTS-STARTPTS") : string.Empty);
        if (kind == TransitionKind.FadeBlack)
        {
            // As the full path: the outgoing side fades to black over the first half, the incoming up from it over the second.
            graph.Append(Invariant($",fade=t=out:s=0:n={overlap / 2}"));
        }

        graph.Append(Invariant($"[s{before}out];[{after}:v:0]trim=end_frame={to},setpts=PTS-STARTPTS"));
        graph.Append(tail > 0 ? Invariant($",split[s{after}i][s{after}t];[s{after}t]trim=start_frame={overlap},setpts=PTS-STARTPTS[s{after}tail];[s{after}i]trim=end_frame={overlap}") : string.Empty);
        if (kind == TransitionKind.FadeBlack)
        {
            graph.Append(Invariant($",fade=t=in:s={overlap / 2}:n={overlap - (overlap / 2)}"));
        }

        graph.Append(Invariant($",format=yuva420p,fade=t=in:s=0:n={overlap}:alpha=1[s{after}in];[s{before}out][s{after}in]overlay=format=yuv420:eof_action=pass:repeatlast=0[s{before}mix];"));
        var parts = new List<string>();
        if (head > 0)
        {
            parts.Add(Invariant($"[s{before}head]"));
        }

        parts.Add(Invariant($"[s{before}mix]"));
        if (tail > 0)
        {
            parts.Add(Invariant($"[s{after}tail]"));
        }

        graph.Append(parts.Count == 1
            ? Invariant($"{parts[0]}null{output};")
            : Invariant($"{string.Concat(parts)}concat=n={parts.Count}:v=1:a=0{output};"));
        return graph.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}