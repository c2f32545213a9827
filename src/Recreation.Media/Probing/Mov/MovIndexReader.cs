using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Recreation.Media.Probing.Mov;

/// <summary>
/// Describes one of our own intermediates (FFMPEG.md: H.264 High 4:2:0 8-bit without B-frames
/// and PCM s16le in MOV) from the movie's index alone, in process, as ffprobe would: the same
/// <see cref="FFprobeOutput"/>, mapped by the same <see cref="MediaInfoMapper"/>, with the video
/// packets' times and keyframe flags. A stitch probed each intermediate with ffprobe, and each start
/// of it costs about 0.09 CPU-s here (it loads some 200 libraries) for files a few hundred bytes
/// of index describe. Anything this reader was not checked against ffprobe for (another codec, a
/// rotation, an edit that does not start at zero, an unlisted frame rate, a truncated file…) throws
/// <see cref="MovFormatException"/> from <see cref="Read(Stream)"/>, and <see cref="TryRead"/> returns null
/// so the caller asks ffprobe.
/// </summary>
internal static class MovIndexReader
{
    /// <summary>The largest movie index read into memory; ours are a few kilobytes.</summary>
    public const int MaxIndexBytes = 8 << 20;

    /// <summary>
    /// Frame rates whose r_frame_rate and avg_frame_rate are known (by spec, against ffprobe) to be
    /// the track's timescale over its one frame duration; ffmpeg guesses r_frame_rate, and other
    /// rates are left to it.
    /// </summary>
    private static readonly HashSet<Rational> CheckedRates =
    [
        new(12, 1), new(15, 1), new(24, 1), new(25, 1), new(30, 1), new(48, 1), new(50, 1), new(60, 1),
        new(24000, 1001), new(30000, 1001), new(60000, 1001),
    ];

    /// <summary>ffprobe's description of the file, or null when only ffprobe can tell.</summary>
    public static FFprobeOutput? TryRead(string path)
    {
        try
        {
            return Read(path);
        }
        catch (Exception e) when (e is MovFormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>ffprobe's description of the file; <see cref="MovFormatException"/> says why not when the file is not one of ours.</summary>
    public static FFprobeOutput Read(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.None);
        return Read(file);
    }

    /// <summary>ffprobe's description of a seekable stream holding the whole file.</summary>
    public static FFprobeOutput Read(Stream file)
    {
        var (moov, mediaData) = FindMovie(file);
        var (movieTimescale, movieDuration) = MovTrack.Clock(moov.Require("mvhd"));
        var traks = moov.Children().Where(b => b.Type == "trak").Select(t => MovTrack.Parse(t, movieTimescale, mediaData)).ToList();
        if (traks.Count != 2 || traks[0].Handler != "vide" || traks[1].Handler != "soun")
        {
            throw new MovFormatException("the movie is not one video track followed by one audio track");
        }

        var (video, packets) = MovStreams.Video(0, traks[0], CheckedRates);
        var audio = MovStreams.Audio(1, traks[1]);
        var durationMicroseconds = MovTrack.RescaleRounded(movieDuration, 1_000_000, movieTimescale);
        var format = new FFprobeFormat(
            "mov,mp4,m4a,3gp,3g2,mj2",
            Seconds(durationMicroseconds, 1_000_000),
            Seconds(0, 1),
            file.Length.ToString(CultureInfo.InvariantCulture),
            durationMicroseconds > 0 ? ((long)(file.Length * 8.0 * 1_000_000 / durationMicroseconds)).ToString(CultureInfo.InvariantCulture) : null);
        return new FFprobeOutput([video, audio], format, packets);
    }

    /// <summary>A time as ffprobe prints it: ticks times the time base as a double, to six decimals.</summary>
    public static string Seconds(long ticks, long timescale) =>
        (ticks * (1.0 / timescale)).ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>The extradata hash ffprobe prints with <c>-show_data_hash sha256</c>.</summary>
    public static string Sha256(ReadOnlySpan<byte> data) => "SHA256:" + Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>
    /// The top-level boxes walked by their headers (mdat skipped, not read): the first moov, and
    /// where the media data boxes' payloads lie, which every sample must fall within.
    /// </summary>
    private static (MovBox Movie, IReadOnlyList<(long Start, long End)> MediaData) FindMovie(Stream file)
    {
        var header = new byte[16];
        var mediaData = new List<(long, long)>();
        long at = 0;
        for (var boxes = 0; at < file.Length; boxes++)
        {
            if (boxes == 64 || file.Length - at < 8)
            {
                throw new MovFormatException("no movie index among the file's first boxes");
            }

            file.Position = at;
            file.ReadExactly(header, 0, 8);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = MovBox.FourCc(header.AsSpan(4, 4));
            var headerSize = 8;
            if (size == 1)
            {
                file.ReadExactly(header, 8, 8);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(8));
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = file.Length - at;
            }

            if (size < headerSize || size > file.Length - at)
            {
                throw new MovFormatException($"box '{type}' runs past the end of the file");
            }

            if (boxes == 0 && type != "ftyp")
            {
                throw new MovFormatException("the file does not start with a file type box");
            }

            if (type == "moov")
            {
                if (size - headerSize > MaxIndexBytes)
                {
                    throw new MovFormatException("the movie index is larger than ours ever are");
                }

                var payload = new byte[size - headerSize];
                file.ReadExactly(payload);
                return (new MovBox(type, payload), mediaData);
            }

            if (type == "mdat")
            {
                mediaData.Add((at + headerSize, at + size));
            }

            at += size;
        }

        throw new MovFormatException("the file has no movie index");
    }
}