using System.Globalization;
using System.Text.Json;

namespace Recreation.Media.Probing;

/// <summary>Maps ffprobe's raw JSON to <see cref="MediaInfo"/>, once, in one place.</summary>
internal static class MediaInfoMapper
{
    public static MediaInfo Map(string path, FFprobeOutput raw, long fileSize)
    {
        var streams = raw.Streams ?? [];
        var videoStreams = streams.Where(IsVideo).ToList();
        var audioStreams = streams.Where(s => s.CodecType == "audio").ToList();
        var video = videoStreams.Count > 0 ? MapVideo(videoStreams[0]) with { Keyframes = Keyframes(raw, videoStreams[0]) } : null;
        var audio = audioStreams.Count > 0 ? MapAudio(audioStreams[0]) : null;

        var format = raw.Format;
        var duration = Seconds(format?.Duration)
            ?? new[] { video?.Duration, audio?.Duration }.Max()
            ?? TimeSpan.Zero;
        return new MediaInfo(
            path,
            format?.FormatName ?? "unknown",
            duration,
            Seconds(format?.StartTime) ?? TimeSpan.Zero,
            Int64(format?.Size) ?? fileSize,
            Int64(format?.BitRate),
            video,
            audio,
            videoStreams.Count,
            audioStreams.Count);
    }

    /// <summary>nb_read_packets of one stream (present with -count_packets).</summary>
    public static long? ReadPackets(FFprobeOutput raw, int streamIndex)
    {
        return Int64(raw.Streams?.FirstOrDefault(s => s.Index == streamIndex)?.ReadPacketCount);
    }

    /// <summary>Keyframe times of a stream from its packet list (present when the probe listed packets), from the stream's start.</summary>
    private static IReadOnlyList<TimeSpan>? Keyframes(FFprobeOutput raw, FFprobeStream stream)
    {
        if (raw.Packets is not { Count: > 0 } packets || !Rational.TryParse(stream.TimeBase, out var timeBase) || !timeBase.IsPositive)
        {
            return null;
        }

        var start = packets.Where(p => p.StreamIndex == stream.Index && p.Pts is not null).Select(p => p.Pts!.Value).DefaultIfEmpty(0).Min();
        return packets
            .Where(p => p.StreamIndex == stream.Index && p.Pts is not null && p.Flags?.Contains('K', StringComparison.Ordinal) == true)
            .Select(p => TimeSpan.FromTicks((long)Math.Round((decimal)(p.Pts!.Value - start) * timeBase.Numerator * TimeSpan.TicksPerSecond / timeBase.Denominator)))
            .Order()
            .ToList();
    }

    private static bool IsVideo(FFprobeStream stream)
    {
        return stream.CodecType == "video"
            && !(stream.Disposition?.GetValueOrDefault("attached_pic") == 1);
    }

    private static VideoStreamInfo MapVideo(FFprobeStream s)
    {
        var sar = Rational.TryParse(s.SampleAspectRatio, out var parsed) && parsed.IsPositive ? parsed : Rational.One;
        return new VideoStreamInfo(
            s.Index,
            s.CodecName ?? "unknown",
            s.Profile,
            s.Width ?? 0,
            s.Height ?? 0,
            Rotation(s),
            sar,
            RationalOrZero(s.RFrameRate),
            RationalOrZero(s.AvgFrameRate),
            s.PixelFormat,
            RationalOrZero(s.TimeBase),
            s.FieldOrder,
            new ColorTags(Tag(s.ColorSpace), Tag(s.ColorPrimaries), Tag(s.ColorTransfer), Tag(s.ColorRange)),
            s.ExtradataHash,
            Int64(s.FrameCount),
            StreamDuration(s),
            Seconds(s.StartTime) ?? TimeSpan.Zero)
        {
            BFrames = s.HasBFrames ?? 0,
        };
    }

    private static AudioStreamInfo MapAudio(FFprobeStream s)
    {
        return new AudioStreamInfo(
            s.Index,
            s.CodecName ?? "unknown",
            s.Profile,
            (int)(Int64(s.SampleRate) ?? 0),
            s.Channels ?? 0,
            s.ChannelLayout,
            StreamDuration(s),
            Seconds(s.StartTime) ?? TimeSpan.Zero);
    }

    /// <summary>A stream's duration; Matroska/WebM streams carry none, only a DURATION tag (end time), so start_time is subtracted.</summary>
    private static TimeSpan? StreamDuration(FFprobeStream s)
    {
        if (Seconds(s.Duration) is { } duration)
        {
            return duration;
        }

        var tag = s.Tags?.FirstOrDefault(t => t.Key.StartsWith("DURATION", StringComparison.OrdinalIgnoreCase)).Value;
        if (tag is null || !TryParseClock(tag, out var end))
        {
            return null;
        }

        var length = end - (Seconds(s.StartTime) ?? TimeSpan.Zero);
        return length > TimeSpan.Zero ? length : end;
    }

    /// <summary>Clockwise quarter turns as 0, 90, 180 or 270, from the display matrix or the legacy "rotate" tag.</summary>
    private static int Rotation(FFprobeStream s)
    {
        double? degrees = null;
        foreach (var side in s.SideData ?? [])
        {
            if (side.TryGetValue("rotation", out var value) && value.ValueKind == JsonValueKind.Number)
            {
                degrees = value.GetDouble();
                break;
            }
        }

        if (degrees is null && s.Tags?.GetValueOrDefault("rotate") is { } tag
            && double.TryParse(tag, NumberStyles.Float, CultureInfo.InvariantCulture, out var tagged))
        {
            degrees = tagged;
        }

        var quarterTurns = (int)Math.Round((degrees ?? 0) / 90.0);
        return ((quarterTurns % 4) + 4) % 4 * 90;
    }

    private static string? Tag(string? value) => value is null or "unknown" or "unspecified" ? null : value;

    private static Rational RationalOrZero(string? text) => Rational.TryParse(text, out var value) ? value : Rational.Zero;

    private static long? Int64(string? text)
    {
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static TimeSpan? Seconds(string? text)
    {
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    /// <summary>Parses "00:00:03.000000000" (hours:minutes:seconds with up to 9 decimals).</summary>
    private static bool TryParseClock(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var parts = text.Split(':');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes)
            || !decimal.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        value = TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}