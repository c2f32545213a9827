using System.Globalization;

using Recreation.Media.Probing;

namespace Recreation.Media.Conforming;

/// <summary>The filter graphs of a conform (FFMPEG.md, "Conform"), as pure functions of the spec and the source.</summary>
internal static class ConformFilters
{
    public const string VideoOut = "[v]";
    public const string AudioOut = "[a]";

    /// <summary>
    /// [0:v:0] → [v]: timestamps from zero, frame rate, square pixels, fit, the last frame held
    /// as long as needed and then exactly <paramref name="frames"/> frames kept, yuv420p, SAR 1.
    /// The cut is made here, by frame number, because a -t in seconds rounded to microseconds can
    /// keep one frame too many. Rotation needs no term: ffmpeg turns the frames upright while
    /// decoding, before this graph sees them. A <paramref name="head"/> is cut first; the spec's
    /// fades come last, on the exact frames kept.
    /// </summary>
    public static string Video(ConformSpec spec, long frames, VideoStreamInfo source, TimeSpan head = default)
    {
        var (w, h) = (spec.Width, spec.Height);
        // Interlaced sources (old camcorders, broadcast captures) are deinterlaced first; bwdif
        // only touches frames flagged interlaced. Colours are tagged BT.709, not converted.
        var deinterlace = source.FieldOrder is "tt" or "bb" or "tb" or "bt" ? "bwdif=deint=interlaced," : string.Empty;
        // The head is cut by timestamp (a millisecond early, so the first frame to keep is never lost to rounding).
        var cutHead = head > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"trim=start={Math.Max(0, head.TotalSeconds - 0.001):0.######},setpts=PTS-STARTPTS,")
            : string.Empty;
        var start = $"[0:v:0]{deinterlace}setpts=PTS-STARTPTS,{cutHead}";
        var prepare = $"fps={spec.Fps},scale=trunc(iw*sar/2)*2:ih,setsar=1";
        var cover = $"scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h}";
        var contain = $"scale={w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2";
        var finish = string.Create(CultureInfo.InvariantCulture, $"setsar=1,tpad=stop=-1:stop_mode=clone,trim=end_frame={frames}{VideoFades(spec, frames)},format=yuv420p");
        return spec.Fit switch
        {
            FitMode.Cover => $"{start}{prepare},{cover},{finish}{VideoOut}",
            FitMode.Contain => $"{start}{prepare},{contain},pad={w}:{h}:(ow-iw)/2:(oh-ih)/2:color=black,{finish}{VideoOut}",
            FitMode.Blur => $"{start}{prepare},split=2[bg][fg];"
                + $"[bg]{cover},gblur=sigma={BlurSigma(spec).ToString(CultureInfo.InvariantCulture)}[blurred];"
                + $"[fg]{contain}[front];"
                + $"[blurred][front]overlay=(W-w)/2:(H-h)/2,{finish}{VideoOut}",
            _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Fit, "Unknown fit mode."),
        };
    }

    /// <summary>
    /// [0:a:0] → [a]: timestamps from zero, mono copied to both sides (aformat alone would lose
    /// 3 dB), more channels downmixed, 48 kHz float stereo, silence added after the end, then cut
    /// to exactly <paramref name="samples"/> samples. Without source audio, the silence input [1:a:0] is cut instead.
    /// </summary>
    /// <remarks>
    /// Sync: the audio keeps its place against the video. Its timestamps are moved by
    /// <paramref name="videoStart"/> (the video's first timestamp plus any head cut), not to its
    /// own start: audio that begins 0.5 s after the picture must still begin 0.5 s in.
    /// <c>aresample first_pts=0</c> then pads the gap with silence, or drops samples from before
    /// the picture's first frame.
    /// </remarks>
    public static string Audio(AudioStreamInfo? audio, long samples, ConformSpec? spec = null, long frames = 0, TimeSpan videoStart = default)
    {
        var fades = spec is null ? string.Empty : AudioFades(spec, frames, samples);
        var cut = string.Create(CultureInfo.InvariantCulture, $"atrim=end_sample={samples}{fades}{AudioOut}");
        if (audio is null)
        {
            return "[1:a:0]" + cut;
        }

        var upmix = audio.Channels == 1 ? "pan=stereo|c0=c0|c1=c0," : string.Empty;
        var shift = string.Create(CultureInfo.InvariantCulture, $"asetpts=PTS-{videoStart.TotalSeconds:0.######}/TB");
        return $"[0:a:0]{shift},{upmix}aresample=48000:first_pts=0,aformat=sample_fmts=fltp:channel_layouts=stereo,apad,{cut}";
    }

    /// <summary>Frames a fade covers: its length in whole frames, at most the clip.</summary>
    internal static long FadeFrames(ConformSpec spec, TimeSpan fade, long frames) =>
        fade > TimeSpan.Zero ? Math.Clamp(spec.FrameCount(fade), 1, frames) : 0;

    /// <summary>
    /// fade in from frame 0 (black) over n frames; fade out so that the last frame is fully black:
    /// ffmpeg's fade-out darkens over nb_frames and leaves every later frame black, so it starts
    /// nb_frames + 1 before the end.
    /// </summary>
    private static string VideoFades(ConformSpec spec, long frames)
    {
        var text = string.Empty;
        if (FadeFrames(spec, spec.FadeIn, frames) is > 0 and var fadeIn)
        {
            text += string.Create(CultureInfo.InvariantCulture, $",fade=t=in:start_frame=0:nb_frames={fadeIn}");
        }

        if (FadeFrames(spec, spec.FadeOut, frames) is > 0 and var fadeOut)
        {
            var length = Math.Max(1, Math.Min(fadeOut, frames - 1) - 1);
            var startFrame = Math.Max(0, frames - 1 - length);
            text += string.Create(CultureInfo.InvariantCulture, $",fade=t=out:start_frame={startFrame}:nb_frames={length}");
        }

        return text;
    }

    private static string AudioFades(ConformSpec spec, long frames, long samples)
    {
        var text = string.Empty;
        if (FadeFrames(spec, spec.FadeIn, frames) is > 0 and var fadeIn)
        {
            text += string.Create(CultureInfo.InvariantCulture, $",afade=t=in:start_sample=0:nb_samples={Math.Min(samples, SamplesFor(fadeIn, spec.Fps))}");
        }

        if (FadeFrames(spec, spec.FadeOut, frames) is > 0 and var fadeOut)
        {
            var length = Math.Min(samples, SamplesFor(fadeOut, spec.Fps));
            text += string.Create(CultureInfo.InvariantCulture, $",afade=t=out:start_sample={samples - length}:nb_samples={length}");
        }

        return text;
    }

    /// <summary>The audio samples at 48 kHz that last as long as a number of frames.</summary>
    public static long SamplesFor(long frames, Rational fps)
    {
        return (long)Math.Round((decimal)frames * 48000 * fps.Denominator / fps.Numerator, MidpointRounding.AwayFromZero);
    }

    /// <summary>A second input of endless stereo silence, for sources without audio.</summary>
    public static IReadOnlyList<string> SilenceInput { get; } = ["-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo"];

    private static int BlurSigma(ConformSpec spec) => Math.Max(4, Math.Max(spec.Width, spec.Height) / 40);
}