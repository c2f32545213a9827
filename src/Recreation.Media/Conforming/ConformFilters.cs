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
    /// decoding, before this graph sees them.
    /// </summary>
    public static string Video(ConformSpec spec, long frames, VideoStreamInfo source)
    {
        var (w, h) = (spec.Width, spec.Height);
        // Interlaced sources (old camcorders, broadcast captures) are deinterlaced first; bwdif
        // only touches frames flagged interlaced. Colours are tagged BT.709, not converted.
        var deinterlace = source.FieldOrder is "tt" or "bb" or "tb" or "bt" ? "bwdif=deint=interlaced," : string.Empty;
        var start = $"[0:v:0]{deinterlace}setpts=PTS-STARTPTS,";
        var prepare = $"fps={spec.Fps},scale=trunc(iw*sar/2)*2:ih,setsar=1";
        var cover = $"scale={w}:{h}:force_original_aspect_ratio=increase,crop={w}:{h}";
        var contain = $"scale={w}:{h}:force_original_aspect_ratio=decrease:force_divisible_by=2";
        var finish = string.Create(CultureInfo.InvariantCulture, $"setsar=1,tpad=stop=-1:stop_mode=clone,trim=end_frame={frames},format=yuv420p");
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
    public static string Audio(AudioStreamInfo? audio, long samples)
    {
        var cut = string.Create(CultureInfo.InvariantCulture, $"atrim=end_sample={samples}{AudioOut}");
        if (audio is null)
        {
            return "[1:a:0]" + cut;
        }

        var upmix = audio.Channels == 1 ? "pan=stereo|c0=c0|c1=c0," : string.Empty;
        return $"[0:a:0]asetpts=PTS-STARTPTS,{upmix}aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,apad,{cut}";
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