namespace Recreation.Media.Probing.Mov;

/// <summary>
/// One track of a movie as its boxes state it: handler, timescale and durations, the edit, the
/// sample description's box, and the sample table (frame timing, keyframes, sizes, chunks).
/// Parsing checks that every sample lies inside the file, so a truncated or inconsistent index
/// is refused rather than described.
/// </summary>
internal sealed class MovTrack
{
    private static readonly uint[] IdentityMatrix = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000];

    private MovTrack(string handler, long timescale, long duration, MovBox sampleEntry, IReadOnlyList<(long Count, long Delta)> timing, int[]? syncSamples, long sampleCount)
    {
        (Handler, Timescale, Duration, SampleEntry, Timing, SyncSamples, SampleCount) = (handler, timescale, duration, sampleEntry, timing, syncSamples, sampleCount);
    }

    /// <summary>'vide' or 'soun' (others are refused by the reader).</summary>
    public string Handler { get; }

    /// <summary>Ticks per second of the track's own clock (mdhd).</summary>
    public long Timescale { get; }

    /// <summary>The track's length in its ticks (mdhd), which its samples' durations add up to.</summary>
    public long Duration { get; }

    /// <summary>The sample description (stsd's one entry), its four-letter type as <see cref="MovBox.Type"/>.</summary>
    public MovBox SampleEntry { get; }

    /// <summary>stts: runs of samples of one duration.</summary>
    public IReadOnlyList<(long Count, long Delta)> Timing { get; }

    /// <summary>stss: the 1-based numbers of the keyframes; null when every sample is one.</summary>
    public int[]? SyncSamples { get; }

    public long SampleCount { get; }

    public static MovTrack Parse(MovBox trak, long movieTimescale, IReadOnlyList<(long Start, long End)> mediaData)
    {
        var tkhd = trak.Require("tkhd");
        var matrixAt = tkhd.U8(0) == 1 ? 52 : 40;
        for (var i = 0; i < 9; i++)
        {
            if (tkhd.U32(matrixAt + (i * 4)) != IdentityMatrix[i])
            {
                throw new MovFormatException("the track is transformed (a rotation or flip)");
            }
        }

        var mdia = trak.Require("mdia");
        var (timescale, mediaDuration) = Clock(mdia.Require("mdhd"));
        var handler = MovBox.FourCc(mdia.Require("hdlr").Slice(8, 4));
        var stbl = mdia.Require("minf").Require("stbl");
        Refuse(stbl.Child("ctts") is not null, "composition offsets (reordered frames)");
        var stsd = stbl.Require("stsd");
        var entries = stsd.Children(8);
        var sampleEntry = stsd.U32(4) == 1 && entries.Count == 1 ? entries[0] : throw new MovFormatException("the track has other than one sample description");

        var stts = stbl.Require("stts");
        var timing = new List<(long, long)>();
        for (int i = 0, n = stts.Count(4, 8); i < n; i++)
        {
            timing.Add((stts.U32(8 + (i * 8)), stts.U32(12 + (i * 8))));
        }

        var sampleCount = Sizes(stbl, out var constantSize, out var sizes);
        Refuse(timing.Sum(t => t.Item1) != sampleCount, "a timing table that does not cover every sample");
        Refuse(timing.Sum(t => t.Item1 * t.Item2) != mediaDuration, "a media duration that is not its samples' sum");
        CheckChunks(stbl, sampleCount, constantSize, sizes, mediaData);
        CheckEdit(trak.Child("edts")?.Child("elst"), movieTimescale, timescale, mediaDuration);
        return new MovTrack(handler, timescale, mediaDuration, sampleEntry, timing, ReadSyncSamples(stbl, sampleCount), sampleCount);
    }

    /// <summary>Timescale and duration of an mvhd or mdhd box (version 0 or 1).</summary>
    public static (long Timescale, long Duration) Clock(MovBox box)
    {
        var (timescale, duration) = box.U8(0) == 1 ? (box.U32(20), (long)box.U64(24)) : (box.U32(12), box.U32(16));
        return timescale > 0 && duration >= 0 ? (timescale, duration) : throw new MovFormatException($"'{box.Type}' has no usable clock");
    }

    /// <summary>
    /// One edit that plays the whole media from its start at normal rate, or none. ffmpeg's muxer
    /// rounds the edit's length (in the movie's milliseconds) up, so it never cuts the media; an
    /// edit that would is refused, not guessed at.
    /// </summary>
    private static void CheckEdit(MovBox? elst, long movieTimescale, long timescale, long mediaDuration)
    {
        if (elst is not { } edits)
        {
            return;
        }

        var version = edits.U8(0);
        var entrySize = version == 1 ? 20 : 12;
        Refuse(edits.Count(4, entrySize) != 1, "an edit list of other than one edit");
        var (segment, mediaTime, rate) = version == 1
            ? ((long)edits.U64(8), (long)edits.U64(16), edits.U32(24))
            : (edits.U32(8), (long)(int)edits.U32(12), edits.U32(16));
        Refuse(mediaTime != 0 || rate != 0x10000, "an edit that does not play the media from its start");
        Refuse((Int128)segment * timescale < (Int128)mediaDuration * movieTimescale, "an edit shorter than its media");
    }

    /// <summary>av_rescale: a·b/c rounded to the nearest, halves away from zero (a ≥ 0).</summary>
    public static long RescaleRounded(long a, long b, long c) => (long)(((Int128)a * b + (c / 2)) / c);

    private static long Sizes(MovBox stbl, out long constantSize, out uint[]? sizes)
    {
        var stsz = stbl.Require("stsz");
        constantSize = stsz.U32(4);
        var count = stsz.U32(8);
        sizes = null;
        if (constantSize == 0)
        {
            sizes = new uint[stsz.Count(8, 4)];
            for (var i = 0; i < sizes.Length; i++)
            {
                sizes[i] = stsz.U32(12 + (i * 4));
            }
        }

        return count;
    }

    /// <summary>Every chunk's samples (stsc, stco/co64, stsz) lie inside one media data box, and the chunks hold exactly the samples.</summary>
    private static void CheckChunks(MovBox stbl, long sampleCount, long constantSize, uint[]? sizes, IReadOnlyList<(long Start, long End)> mediaData)
    {
        var stco = stbl.Child("stco");
        var co64 = stbl.Child("co64");
        var offsets = (stco, co64) switch
        {
            ({ } table, null) => Enumerable.Range(0, table.Count(4, 4)).Select(i => (long)table.U32(8 + (i * 4))).ToArray(),
            (null, { } table) => Enumerable.Range(0, table.Count(4, 8)).Select(i => (long)table.U64(8 + (i * 8))).ToArray(),
            _ => throw new MovFormatException("the track has no single chunk offset table"),
        };
        var stsc = stbl.Require("stsc");
        var runs = Enumerable.Range(0, stsc.Count(4, 12)).Select(i => (First: (long)stsc.U32(8 + (i * 12)), PerChunk: (long)stsc.U32(12 + (i * 12)))).ToList();
        Refuse(runs.Count == 0 || runs[0].First != 1, "a sample-to-chunk table that does not start at chunk 1");
        long sample = 0;
        var run = 0;
        for (var chunk = 0; chunk < offsets.Length; chunk++)
        {
            while (run + 1 < runs.Count && runs[run + 1].First <= chunk + 1)
            {
                run++;
            }

            var perChunk = runs[run].PerChunk;
            Refuse(perChunk > sampleCount - sample, "chunks holding more samples than the track has");
            long bytes = 0;
            if (sizes is null)
            {
                bytes = perChunk * constantSize;
            }
            else
            {
                for (var i = 0L; i < perChunk; i++)
                {
                    bytes += sizes[sample + i];
                }
            }

            var (start, end) = (offsets[chunk], offsets[chunk] + bytes);
            Refuse(!mediaData.Any(m => m.Start <= start && end <= m.End), "samples outside its media data (the file is truncated or spliced)");
            sample += perChunk;
        }

        Refuse(sample != sampleCount || (sizes is not null && sizes.Length != sampleCount), "chunks that do not hold every sample");
    }

    private static int[]? ReadSyncSamples(MovBox stbl, long sampleCount)
    {
        if (stbl.Child("stss") is not { } stss)
        {
            return null;
        }

        var numbers = Enumerable.Range(0, stss.Count(4, 4)).Select(i => (int)stss.U32(8 + (i * 4))).ToArray();
        for (var i = 0; i < numbers.Length; i++)
        {
            Refuse(numbers[i] < 1 || numbers[i] > sampleCount || (i > 0 && numbers[i] <= numbers[i - 1]), "a keyframe table out of order");
        }

        return numbers;
    }

    private static void Refuse(bool condition, string what)
    {
        if (condition)
        {
            throw new MovFormatException($"the track has {what}");
        }
    }
}