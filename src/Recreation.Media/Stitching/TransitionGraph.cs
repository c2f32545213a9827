using System.Globalization;
using System.Text;

using Recreation.Media.Conforming;

namespace Recreation.Media.Stitching;

/// <summary>
/// The filter graph that joins conformed clips with transitions, and the exact length it gives.
/// Counting in whole frames: a transition of t frames into clip i starts t frames before the
/// end of what is joined so far, so offset_i = Σ_{k&lt;i} d_k − Σ_{k≤i} t_k (FFMPEG.md's
/// Σd − i·T for equal transitions) and the total is Σd − Σt. Inputs get
/// <c>settb=AVTB,setpts=PTS-STARTPTS</c>; audio is padded and cut to exactly its video's
/// samples before <c>acrossfade</c>; <c>format=yuv420p</c> follows the last <c>xfade</c>.
/// </summary>
internal sealed record TransitionGraph(string Filter, long TotalFrames, long OverlapFrames)
{
    public const string VideoOut = "[vout]";
    public const string AudioOut = "[aout]";

    /// <summary>
    /// The graph over inputs <c>[i:v:0]</c>/<c>[i:a:0]</c> (conformed intermediates), or over the
    /// labels <paramref name="videoSource"/>/<paramref name="audioSource"/> give (clips conformed
    /// inside the same graph); a null <paramref name="media"/> side is left out (video only for a
    /// one-pass encode, audio only for the separate audio run).
    /// </summary>
    public static TransitionGraph Build(
        IReadOnlyList<long> frames, IReadOnlyList<Transition> transitions, Rational fps, Func<int, string> name,
        Func<int, string>? videoSource = null, Func<int, string>? audioSource = null, GraphMedia media = GraphMedia.Both)
    {
        var overlaps = CheckFit(frames, transitions, fps, name);
        var (withVideo, withAudio) = (media != GraphMedia.Audio, media != GraphMedia.Video);
        videoSource ??= i => Invariant($"[{i}:v:0]");
        audioSource ??= i => Invariant($"[{i}:a:0]");
        var graph = new StringBuilder();
        for (var i = 0; i < frames.Count; i++)
        {
            if (withVideo)
            {
                graph.Append(Invariant($"{videoSource(i)}settb=AVTB,setpts=PTS-STARTPTS[v{i}];"));
            }

            if (withAudio)
            {
                graph.Append(Invariant($"{audioSource(i)}asetpts=PTS-STARTPTS,apad,atrim=end_sample={ConformFilters.SamplesFor(frames[i], fps)}[a{i}];"));
            }
        }

        var (video, audio, joined) = ("[v0]", "[a0]", frames[0]);
        for (var i = 1; i < frames.Count; i++)
        {
            var t = overlaps[i - 1];
            var (nextVideo, nextAudio) = (Invariant($"[vj{i}]"), Invariant($"[aj{i}]"));
            var kind = transitions[i - 1].Kind;
            if (kind == TransitionKind.Cut)
            {
                if (withVideo)
                {
                    graph.Append(Invariant($"{video}[v{i}]concat=n=2:v=1:a=0{nextVideo};"));
                }

                if (withAudio)
                {
                    graph.Append(Invariant($"{audio}[a{i}]concat=n=2:v=0:a=1{nextAudio};"));
                }
            }
            else
            {
                if (withVideo)
                {
                    var (before, after) = (video, Invariant($"[v{i}]"));
                    if (kind == TransitionKind.FadeBlack)
                    {
                        // xfade's own fadeblack still shows both pictures at its middle; fading each side
                        // to black first makes it a true fade out, then in.
                        var half = t / 2;
                        graph.Append(Invariant($"{before}fade=t=out:s={joined - t}:n={half}[fvo{i}];{after}fade=t=in:s={half}:n={t - half}[fvi{i}];"));
                        (before, after) = (Invariant($"[fvo{i}]"), Invariant($"[fvi{i}]"));
                    }

                    graph.Append(Invariant($"{before}{after}xfade=transition=fade:duration={Seconds(t, fps)}:offset={Seconds(joined - t, fps)}{nextVideo};"));
                }

                if (withAudio)
                {
                    graph.Append(AudioTransition(kind, audio, Invariant($"[a{i}]"), nextAudio, ConformFilters.SamplesFor(joined, fps), ConformFilters.SamplesFor(t, fps), i));
                }
            }

            (video, audio, joined) = (nextVideo, nextAudio, joined + frames[i] - t);
        }

        var outputs = new List<string>();
        if (withVideo)
        {
            outputs.Add($"{video}format=yuv420p{VideoOut}");
        }

        if (withAudio)
        {
            outputs.Add($"{audio}anull{AudioOut}");
        }

        graph.Append(string.Join(';', outputs));
        return new TransitionGraph(graph.ToString(), joined, overlaps.Sum());
    }

    /// <summary>Crossfade: both sides overlap with linear fades. Fade-black: out over the first half, in over the second, summed (as the picture does).</summary>
    private static string AudioTransition(TransitionKind kind, string before, string after, string output, long joinedSamples, long overlapSamples, int i)
    {
        if (kind == TransitionKind.Crossfade)
        {
            return Invariant($"{before}{after}acrossfade=ns={overlapSamples}:c1=tri:c2=tri{output};");
        }

        var half = overlapSamples / 2;
        return Invariant($"{before}afade=t=out:ss={joinedSamples - overlapSamples}:ns={half}[fo{i}];")
            + Invariant($"{after}afade=t=in:ss={half}:ns={overlapSamples - half}[fi{i}];")
            + Invariant($"[fo{i}][fi{i}]acrossfade=ns={overlapSamples}:c1=nofade:c2=nofade{output};");
    }

    /// <summary>
    /// Each transition's length in whole frames, checked against the clips it overlaps (a clip
    /// must hold its incoming and outgoing overlaps). Throws <see cref="MediaException"/> naming
    /// every clip that is too short; called before any conforming so a bad plan fails at once.
    /// </summary>
    public static long[] CheckFit(IReadOnlyList<long> frames, IReadOnlyList<Transition> transitions, Rational fps, Func<int, string> name)
    {
        var overlaps = new long[frames.Count - 1];
        var problems = new List<string>();
        for (var i = 0; i < overlaps.Length; i++)
        {
            var transition = transitions[i];
            if (transition.IsCut)
            {
                continue;
            }

            overlaps[i] = (long)Math.Round(transition.Duration.TotalSeconds * fps.ToDouble(), MidpointRounding.AwayFromZero);
            if (overlaps[i] < 1)
            {
                problems.Add($"the {transition.Kind} into {name(i + 1)} is shorter than one frame");
            }
        }

        for (var i = 0; i < frames.Count; i++)
        {
            var incoming = i > 0 ? overlaps[i - 1] : 0;
            var outgoing = i < overlaps.Length ? overlaps[i] : 0;
            if (incoming + outgoing > frames[i])
            {
                problems.Add(Invariant($"{name(i)} lasts {frames[i]} frames, fewer than its transitions need ({incoming} in + {outgoing} out)"));
            }
        }

        return problems.Count == 0
            ? overlaps
            : throw new MediaException("The transitions do not fit the clips: " + string.Join("; ", problems) + ". Shorten the transitions or lengthen the clips.");
    }

    private static string Seconds(long frames, Rational fps)
    {
        return Math.Round((decimal)frames * fps.Denominator / fps.Numerator, 6).ToString("0.######", CultureInfo.InvariantCulture);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Which half of a <see cref="TransitionGraph"/> to build.</summary>
internal enum GraphMedia
{
    Both,
    Video,
    Audio,
}