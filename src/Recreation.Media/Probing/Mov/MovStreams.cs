using System.Globalization;

namespace Recreation.Media.Probing.Mov;

/// <summary>
/// A track's sample description turned into the stream ffprobe would print, field for field
/// (the ones <see cref="MediaInfoMapper"/> reads), for the two kinds of track our intermediates
/// hold. ffprobe takes the picture's facts from the decoder, which reads them from the SPS in the
/// avcC box; where the MOV's own boxes (colr, pasp) say something too, the two must agree.
/// </summary>
internal static class MovStreams
{
    /// <summary>The most frames a video track may have here (each becomes a packet): nine hours at 30 fps.</summary>
    public const long MaxFrames = 1L << 20;

    /// <summary>The video stream and its packets (every sample, its time and keyframe flag).</summary>
    public static (FFprobeStream Stream, IReadOnlyList<FFprobePacket> Packets) Video(int index, MovTrack track, IReadOnlySet<Rational> checkedRates)
    {
        var entry = track.SampleEntry;
        Refuse(entry.Type != "avc1", $"video coded as '{entry.Type}', not avc1");
        const int childrenAt = 78; // VisualSampleEntry: 8 bytes of SampleEntry, 70 of picture fields
        var avcC = entry.Require("avcC", childrenAt);
        var sps = AvcSequenceHeader.Parse(FirstSps(avcC));
        Refuse(sps.ProfileIdc != 100 || sps.ChromaFormatIdc != 1 || sps.BitDepthLuma != 8 || sps.BitDepthChroma != 8, "a picture other than High 4:2:0 8-bit");
        Refuse(sps.FullRange == true, "full-range picture");
        Refuse(sps.ReorderFrames != 0, "frames that may be reordered (or no statement that none are)");
        Refuse(entry.U16(24) != sps.Width || entry.U16(26) != sps.Height, "a stored size other than the SPS's");
        var colour = Colour(sps, entry.Child("colr", childrenAt));
        var aspect = entry.Child("pasp", childrenAt) is { } pasp && pasp.U32(0) > 0 && pasp.U32(4) > 0 ? (Num: (int)pasp.U32(0), Den: (int)pasp.U32(4)) : sps.SampleAspect;
        Refuse(aspect is { } sar && sar.Num != sar.Den, "non-square pixels");

        Refuse(track.SampleCount > MaxFrames, "more frames than an intermediate holds");
        Refuse(track.Timing.Count != 1 || track.Timing[0].Delta == 0, "frames of more than one duration");
        var rate = new Rational(track.Timescale, track.Timing[0].Delta);
        Refuse(!checkedRates.Contains(rate), $"a frame rate ({rate}) this reader was not checked at");

        var stream = new FFprobeStream(
            index, "video", "h264", "High", sps.Width, sps.Height, "1:1", "yuv420p", "progressive", 0,
            ColorRange: sps.FullRange is null ? "unknown" : "tv",
            ColorSpace: Name(colour?.Matrix),
            ColorTransfer: Name(colour?.Transfer),
            ColorPrimaries: Name(colour?.Primaries),
            RFrameRate: rate.ToString(),
            AvgFrameRate: rate.ToString(),
            TimeBase: $"1/{track.Timescale.ToString(CultureInfo.InvariantCulture)}",
            StartTime: MovIndexReader.Seconds(0, 1),
            Duration: MovIndexReader.Seconds(track.Duration, track.Timescale),
            FrameCount: track.SampleCount.ToString(CultureInfo.InvariantCulture),
            ReadPacketCount: track.SampleCount.ToString(CultureInfo.InvariantCulture),
            ExtradataHash: MovIndexReader.Sha256(avcC.Span),
            SampleRate: null, Channels: null, ChannelLayout: null, Disposition: null, Tags: null, SideData: null);
        return (stream, Packets(index, track));
    }

    /// <summary>The audio stream: 16-bit little-endian PCM ('sowt') with a channel layout box.</summary>
    public static FFprobeStream Audio(int index, MovTrack track)
    {
        var entry = track.SampleEntry;
        Refuse(entry.Type != "sowt" || entry.U16(8) != 0 || entry.U16(18) != 16, "audio other than 16-bit little-endian PCM in a version 0 description");
        var channels = entry.U16(16);
        var sampleRate = entry.U32(24) >> 16;
        Refuse(sampleRate != track.Timescale, "a sample rate other than the track's clock");
        const int childrenAt = 28; // SoundSampleEntry version 0: 8 bytes of SampleEntry, 20 of sound fields
        var layout = entry.Require("chan", childrenAt).U32(4) switch
        {
            0x640001 when channels == 1 => "mono",
            0x650002 when channels == 2 => "stereo",
            var tag => throw new MovFormatException($"channel layout 0x{tag:x} for {channels} channels"),
        };

        return new FFprobeStream(
            index, "audio", "pcm_s16le", null, null, null, null, null, null, null, null, null, null, null,
            RFrameRate: "0/0",
            AvgFrameRate: "0/0",
            TimeBase: $"1/{track.Timescale.ToString(CultureInfo.InvariantCulture)}",
            StartTime: MovIndexReader.Seconds(0, 1),
            Duration: MovIndexReader.Seconds(track.Duration, track.Timescale),
            FrameCount: track.SampleCount.ToString(CultureInfo.InvariantCulture),
            ReadPacketCount: null,
            ExtradataHash: null,
            SampleRate: sampleRate.ToString(CultureInfo.InvariantCulture),
            Channels: channels,
            ChannelLayout: layout,
            Disposition: null, Tags: null, SideData: null);
    }

    /// <summary>Every sample's time (its decode time: there are no composition offsets) and 'K' on the keyframes.</summary>
    private static List<FFprobePacket> Packets(int index, MovTrack track)
    {
        var packets = new List<FFprobePacket>((int)track.SampleCount);
        var keyframes = track.SyncSamples is { } sync ? new HashSet<int>(sync) : null;
        long time = 0, sample = 0;
        foreach (var (count, delta) in track.Timing)
        {
            for (var i = 0L; i < count; i++, sample++)
            {
                var key = keyframes is null || keyframes.Contains((int)sample + 1);
                packets.Add(new FFprobePacket(index, time, key ? "K__" : "___"));
                time += delta;
            }
        }

        return packets;
    }

    /// <summary>The first SPS of an avcC record (ISO/IEC 14496-15 §5.3.3.1).</summary>
    private static ReadOnlySpan<byte> FirstSps(MovBox avcC)
    {
        Refuse(avcC.U8(0) != 1 || (avcC.U8(5) & 0x1f) < 1, "an avcC record without an SPS");
        return avcC.Slice(8, avcC.U16(6));
    }

    /// <summary>The colours the decoder reports: the SPS's, else the colr box's ('nclc'); both present must agree.</summary>
    private static (int Primaries, int Transfer, int Matrix)? Colour(AvcSequenceHeader sps, MovBox? colr)
    {
        (int, int, int)? boxed = null;
        if (colr is { } box)
        {
            Refuse(MovBox.FourCc(box.Slice(0, 4)) != "nclc", "a colour box other than 'nclc'");
            boxed = (box.U16(4), box.U16(6), box.U16(8));
        }

        Refuse(sps.Colour is { } a && boxed is { } b && a != b, "colours in the MOV box other than the SPS's");
        return sps.Colour ?? boxed;
    }

    /// <summary>ffmpeg's name of an H.273 code point that is the same in all three tables (1: BT.709; 2: unspecified).</summary>
    private static string Name(int? code) => code switch
    {
        null or 2 => "unknown",
        1 => "bt709",
        _ => throw new MovFormatException($"colour code point {code}"),
    };

    private static void Refuse(bool condition, string what)
    {
        if (condition)
        {
            throw new MovFormatException($"the file has {what}");
        }
    }
}