using System.Globalization;

using Recreation.Media;
using Recreation.Media.Processes;

namespace Recreation.Testing;

/// <summary>Generates small test clips with ffmpeg's lavfi sources (testsrc2/color + sine).</summary>
public static class SyntheticMedia
{
    private static readonly FFmpegRunner DefaultRunner = new();

    /// <summary>Writes a clip to <paramref name="path"/> (its extension picks the container) and returns the full path.</summary>
    public static async Task<string> CreateAsync(string path, SyntheticMediaOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SyntheticMediaOptions();
        var target = Path.GetFullPath(path);
        var extension = Path.GetExtension(target).ToLowerInvariant();
        var encodeTo = options.Rotation == 0 ? target : target + ".unrotated" + extension;

        var arguments = new ArgumentsBuilder();
        if (options.IncludeVideo)
        {
            arguments.Add("-f", "lavfi").Add("-i", VideoSource(options));
        }

        if (options.Audio != SyntheticAudio.None)
        {
            var audioLength = ArgumentsBuilder.Seconds(options.AudioDuration ?? options.Duration);
            if (options.AudioDelay > TimeSpan.Zero)
            {
                arguments.Add("-itsoffset", options.AudioDelay);
            }

            arguments.Add("-f", "lavfi").Add("-i", string.Create(CultureInfo.InvariantCulture,
                $"sine=f={options.AudioFrequency}:r={options.AudioSampleRate}:d={audioLength}"));
        }

        if (options.IncludeVideo)
        {
            arguments.Add("-vf", VideoFilter(options)).AddRange(VideoEncoder(options, extension));
            if (options.VariableFrameRate)
            {
                arguments.Add("-fps_mode", "vfr");
            }
        }

        if (options.Audio != SyntheticAudio.None)
        {
            arguments.Add("-af", AudioFilter(options))
                .Add("-c:a", options.AudioCodec ?? (extension == ".webm" ? "libvorbis" : "aac"))
                .Add("-ar", options.AudioSampleRate);
        }

        if (options.FastStart && extension is ".mp4" or ".mov" or ".m4a")
        {
            arguments.Add("-movflags", "+faststart");
        }

        await DefaultRunner.RunAsync(MediaCommand.FFmpeg(arguments.Output(encodeTo).Build(), $"generating '{target}'") with { OutputPath = encodeTo }, cancellationToken).ConfigureAwait(false);
        if (options.Rotation != 0)
        {
            await RotateAsync(encodeTo, target, options.Rotation, cancellationToken).ConfigureAwait(false);
        }

        return target;
    }

    private static string VideoSource(SyntheticMediaOptions o)
    {
        // A black or frozen head is added in front by tpad: the source itself is that much shorter.
        var size = string.Create(CultureInfo.InvariantCulture, $"s={o.Width}x{o.Height}:r={o.FrameRate}:d={ArgumentsBuilder.Seconds(o.Duration - o.BlackHead - o.FrozenHead)}");
        return o.Pattern == SyntheticPattern.SolidColor ? $"color=c={o.Color}:{size}" : $"testsrc2={size}";
    }

    private static string VideoFilter(SyntheticMediaOptions o)
    {
        var filters = new List<string>();
        if (o.SampleAspectRatio is { } sar)
        {
            filters.Add($"setsar={sar}");
        }

        if (o.FrozenHead > TimeSpan.Zero)
        {
            filters.Add("tpad=start_mode=clone:start_duration=" + ArgumentsBuilder.Seconds(o.FrozenHead));
        }

        if (o.BlackHead > TimeSpan.Zero)
        {
            filters.Add("tpad=start_mode=add:color=black:start_duration=" + ArgumentsBuilder.Seconds(o.BlackHead));
        }

        if (o.VariableFrameRate)
        {
            filters.Add(@"select=not(between(mod(n\,10)\,3\,5))");
        }

        if (o.Interlaced)
        {
            filters.Add("setfield=tff");
        }

        filters.Add($"format={o.PixelFormat}");
        return string.Join(',', filters);
    }

    private static IEnumerable<string> VideoEncoder(SyntheticMediaOptions o, string extension)
    {
        var isMp4Family = extension is ".mp4" or ".mov" or ".m4v";
        return o.VideoCodec switch
        {
            SyntheticVideoCodec.H264 => ["-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", o.PixelFormat, .. (o.Interlaced ? new[] { "-flags", "+ildct+ilme", "-x264-params", "tff=1" } : [])],
            SyntheticVideoCodec.Hevc => ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-pix_fmt", o.PixelFormat, .. (isMp4Family ? new[] { "-tag:v", "hvc1" } : [])],
            SyntheticVideoCodec.Vp9 => ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k", "-pix_fmt", o.PixelFormat],
            SyntheticVideoCodec.Vp8 => ["-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k", "-pix_fmt", o.PixelFormat],
            SyntheticVideoCodec.Mpeg4 => ["-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", o.PixelFormat],
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.VideoCodec, "Unknown codec."),
        };
    }

    private static string AudioFilter(SyntheticMediaOptions o)
    {
        var volume = "volume=" + ArgumentsBuilder.Number(o.AudioVolumeDb) + "dB";
        return o.Audio switch
        {
            SyntheticAudio.Mono => volume,
            SyntheticAudio.Stereo => volume + ",pan=stereo|c0=c0|c1=c0",
            SyntheticAudio.Surround51 => volume + ",pan=5.1|c0=c0|c1=c0|c2=c0|c3=c0|c4=c0|c5=c0",
            _ => throw new ArgumentOutOfRangeException(nameof(o), o.Audio, "No audio to filter."),
        };
    }

    /// <summary>ffmpeg 5.1 writes a display matrix only on a stream copy with the legacy rotate tag.</summary>
    private static async Task RotateAsync(string source, string target, int rotation, CancellationToken cancellationToken)
    {
        var arguments = new ArgumentsBuilder()
            .Input(source)
            .Add("-map", "0").Add("-c", "copy")
            .Add("-metadata:s:v:0", "rotate=" + rotation.ToString(CultureInfo.InvariantCulture))
            .Add("-movflags", "+faststart")
            .Output(target)
            .Build();
        try
        {
            await DefaultRunner.RunAsync(MediaCommand.FFmpeg(arguments, $"rotating '{target}'") with { OutputPath = target }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(source);
        }
    }
}