using Recreation.Media.Probing;

namespace Recreation.Media.Stitching;

/// <summary>
/// Decides whether clips can be joined by stream copy (FFMPEG.md, "The fast path"): only when
/// every transition is a cut, no clip needs trimming by more than a frame, the clips already
/// are what the output must be (H.264 yuv420p, square pixels, no rotation, constant rate, the
/// target size and rate) and they agree on everything a decoder keeps across a join — down to
/// the SPS/PPS (extradata hash) and the audio layout. Pure: same inputs, same answer.
/// </summary>
internal static class FastPathPlanner
{
    /// <summary>Audio may end this much before the video (FFMPEG.md: audio within 0.1 s of the video).</summary>
    private static readonly TimeSpan ShortAudioTolerance = TimeSpan.FromSeconds(0.1);

    public static StitchDecision Decide(IReadOnlyList<MediaInfo> infos, IReadOnlyList<StitchClip> clips, IReadOnlyList<Transition> transitions, StitchSettings settings)
    {
        var reason = Obstacle(infos, clips, transitions, settings);
        return reason is null
            ? new StitchDecision(StitchPath.StreamCopy, $"all {infos.Count} clips already share codec, size, frame rate, pixel format, sample aspect, colour tags, time base, extradata and audio layout, and every transition is a cut")
            : new StitchDecision(StitchPath.Conform, reason);
    }

    private static string? Obstacle(IReadOnlyList<MediaInfo> infos, IReadOnlyList<StitchClip> clips, IReadOnlyList<Transition> transitions, StitchSettings settings)
    {
        if (settings.FadeIn > TimeSpan.Zero || settings.FadeOut > TimeSpan.Zero)
        {
            return "the video fades from or to black, which needs re-encoding";
        }

        if (settings.TrimHead is { } head)
        {
            return $"each clip's head is trimmed ({head}), which needs re-encoding";
        }

        var transition = transitions.Select((t, i) => (t, i)).FirstOrDefault(x => !x.t.IsCut);
        if (transition.t is not null)
        {
            return $"the transition into {Name(clips, transition.i + 1)} is a {transition.t.Kind}, which needs re-encoding";
        }

        var first = infos[0];
        for (var i = 0; i < infos.Count; i++)
        {
            var obstacle = OwnObstacle(infos[i], clips[i], settings) ?? (i == 0 ? null : Difference(first, infos[i]));
            if (obstacle is not null)
            {
                return $"{Name(clips, i)} {obstacle}";
            }
        }

        return null;
    }

    /// <summary>Why a clip is not already what the output must be.</summary>
    private static string? OwnObstacle(MediaInfo info, StitchClip clip, StitchSettings settings)
    {
        var v = info.Video!;
        var frame = TimeSpan.FromSeconds(settings.Fps.Invert().ToDouble());
        return v switch
        {
            { Codec: not "h264" } => $"is {v.Codec}, and the output must be H.264",
            { PixelFormat: not "yuv420p" } => $"has pixel format {v.PixelFormat}, and the output must be yuv420p",
            { HasSquarePixels: false } => $"has non-square pixels (SAR {v.SampleAspectRatio})",
            { Rotation: not 0 } => $"is rotated by {v.Rotation}°",
            { IsVariableFrameRate: true } => $"has a variable frame rate (r_frame_rate {v.RFrameRate}, avg_frame_rate {v.AvgFrameRate})",
            _ when v.Width != settings.Width || v.Height != settings.Height => $"is {v.Width}x{v.Height}, and the output is {settings.Width}x{settings.Height}",
            _ when v.FrameRate != settings.Fps => $"runs at {v.FrameRate} fps, and the output at {settings.Fps}",
            _ when v.FieldOrder is not (null or "progressive" or "unknown") => $"is interlaced ({v.FieldOrder})",
            _ when clip.TrimTo is { } trim && (info.VideoDuration - trim).Duration() > frame =>
                $"must be trimmed from {info.VideoDuration.TotalSeconds:0.###} s to {trim.TotalSeconds:0.###} s",
            _ when info.Audio?.Duration is { } audio && info.VideoDuration - audio > ShortAudioTolerance =>
                $"has {(info.VideoDuration - audio).TotalSeconds:0.###} s less audio than video, which would need silence added",
            _ => null,
        };
    }

    /// <summary>What differs between a clip and the first one, in the words of FFMPEG.md's list.</summary>
    private static string? Difference(MediaInfo first, MediaInfo other)
    {
        var (a, b) = (first.Video!, other.Video!);
        var difference =
            a.Profile != b.Profile ? $"profile ({b.Profile} vs {a.Profile})"
            : a.TimeBase != b.TimeBase ? $"time base ({b.TimeBase} vs {a.TimeBase})"
            : a.Colors != b.Colors ? "colour tags"
            : a.FieldOrder != b.FieldOrder ? "field order"
            : a.ExtradataHash != b.ExtradataHash ? "codec parameters (SPS/PPS extradata)"
            : first.HasAudio != other.HasAudio ? (other.HasAudio ? "having audio" : "having no audio")
            : AudioDifference(first.Audio, other.Audio);
        return difference is null ? null : $"differs from the first clip in {difference}";
    }

    private static string? AudioDifference(AudioStreamInfo? a, AudioStreamInfo? b)
    {
        if (a is null || b is null)
        {
            return null;
        }

        return a.Codec != b.Codec ? $"audio codec ({b.Codec} vs {a.Codec})"
            : a.Profile != b.Profile ? $"audio profile ({b.Profile} vs {a.Profile})"
            : a.SampleRate != b.SampleRate ? $"audio sample rate ({b.SampleRate} vs {a.SampleRate} Hz)"
            : a.Channels != b.Channels || a.ChannelLayout != b.ChannelLayout ? $"audio channels ({b.ChannelLayout ?? b.Channels.ToString(System.Globalization.CultureInfo.InvariantCulture)} vs {a.ChannelLayout ?? a.Channels.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : null;
    }

    internal static string Name(IReadOnlyList<StitchClip> clips, int index)
    {
        var clip = clips[index];
        return clip.Label ?? $"clip {index + 1} ('{System.IO.Path.GetFileName(clip.Path)}')";
    }
}