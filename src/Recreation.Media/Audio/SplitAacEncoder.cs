using System.Globalization;

using Recreation.Media.Files;
using Recreation.Media.Processes;

namespace Recreation.Media.Audio;

/// <summary>
/// Encodes a long 48 kHz stereo PCM soundtrack to AAC as two halves at once, then splices them
/// into one stream — on the windowed path the soundtrack's encode is the last thing running, and
/// ffmpeg's AAC encoder uses one core. Why a splice of AAC frames is sound: frame f's MDCT covers
/// samples [(f−1)·1024, (f+1)·1024) and each output block is the overlap-add of two neighbouring
/// frames, whose aliasing cancels when both encode the same signal with matching windows. So the
/// first half runs ~1 s past the splice (its last frames see what follows), the second starts
/// ~10 s before it (ffmpeg's encoder adapts its rate control over its first seconds: 1 s after a
/// fresh start its coding error on tones was −52 dB, after 5 s −70 dB, after 10 s −77 dB as in a
/// single run), the splice is put on a frame whose window (sequence and shape) both halves chose
/// alike, and the frames are cut on the same 1024-sample grid. The stream is written as ADTS,
/// spliced, and put in MP4 with the encoder's 1024 samples of priming skipped by an edit list and
/// the last frame cut to the true end, as a single run writes it.
/// </summary>
internal sealed class SplitAacEncoder(FFmpegRunner runner)
{
    internal const int SampleRate = 48000;
    internal const int FrameSamples = 1024;
    internal const int PreRollFrames = 469;
    internal const int PostRollFrames = 47;

    /// <summary>Shorter soundtracks are encoded in one run: with the second half's 10 s lead-in, halves would gain little.</summary>
    internal static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(40);

    public static bool IsWorthwhile(TimeSpan duration) => Environment.ProcessorCount >= 2 && duration >= MinimumDuration;

    /// <summary>
    /// Encodes <paramref name="pcm"/> (exactly <paramref name="duration"/> long) through
    /// <paramref name="filter"/> (a per-sample gain, or null) into <paramref name="output"/> (MP4
    /// audio); false, with nothing written there, when no frame near the middle could be spliced.
    /// </summary>
    public async Task<bool> TryEncodeAsync(string pcm, string? filter, TimeSpan duration, string output, CancellationToken cancellationToken)
    {
        var samples = (long)Math.Round(duration.TotalSeconds * SampleRate);
        // Halves of equal work: the first runs to splice + post-roll, the second from splice − pre-roll.
        var splice = ((samples / FrameSamples) + PreRollFrames - PostRollFrames) / 2;
        var secondStartsAt = splice - PreRollFrames;
        var (first, second) = (output + ".1.aac", output + ".2.aac");
        try
        {
            await Task.WhenAll(
                EncodeAsync(pcm, Invariant($"atrim=end_sample={(splice + PostRollFrames) * FrameSamples}"), filter, first, "first", cancellationToken),
                EncodeAsync(pcm, Invariant($"atrim=start_sample={secondStartsAt * FrameSamples},asetpts=PTS-STARTPTS"), filter, second, "second", cancellationToken)).ConfigureAwait(false);
            var (a, b) = (AdtsFrames.Read(await File.ReadAllBytesAsync(first, cancellationToken).ConfigureAwait(false)),
                AdtsFrames.Read(await File.ReadAllBytesAsync(second, cancellationToken).ConfigureAwait(false)));
            if (Splice(a, b, splice, secondStartsAt) is not { } frames || frames.Count != ExpectedFrames(samples))
            {
                return false;
            }

            var joined = output + ".aac";
            await AtomicFile.WriteAsync(joined, async (stream, token) =>
            {
                foreach (var frame in frames)
                {
                    await stream.WriteAsync(frame, token).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);

            var arguments = new ArgumentsBuilder()
                // The encoder's priming: the first 1024 samples decoded are not the sound's.
                .Add("-itsoffset", "-" + (FrameSamples / (double)SampleRate).ToString("0.######", CultureInfo.InvariantCulture))
                .Add("-f", "aac").Input(joined)
                .Add("-map", "0:a:0").Add("-c:a", "copy")
                // ADTS frames all last 1024 samples: the last one is cut to the true end.
                .Add("-bsf:a", Invariant($"setts=duration=min(DURATION\\,{samples}-PTS)"))
                .Add("-f", "ipod")
                .Output(output)
                .Build();
            await runner.RunAsync(MediaCommand.FFmpeg(arguments, "splicing the soundtrack's halves") with { OutputPath = output }, cancellationToken).ConfigureAwait(false);
            File.Delete(joined);
            return true;
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    /// <summary>What one run writes for this many samples: a frame per 1024 started, and the priming frame.</summary>
    internal static long ExpectedFrames(long samples) => ((samples + FrameSamples - 1) / FrameSamples) + 1;

    /// <summary>
    /// The first half's frames up to the splice frame and the second's after it, the splice moved
    /// forward (within the post-roll) to the first frame both halves coded with the same window;
    /// null when there is none. Frame f of the whole is frame f of the first half and frame
    /// f − <paramref name="secondStartsAt"/> of the second.
    /// </summary>
    internal static IReadOnlyList<byte[]>? Splice(IReadOnlyList<byte[]> first, IReadOnlyList<byte[]> second, long splice, long secondStartsAt)
    {
        for (var k = splice; k < splice + PostRollFrames - 1 && k < first.Count; k++)
        {
            var j = k - secondStartsAt;
            if (j + 1 >= second.Count)
            {
                return null;
            }

            if (AdtsFrames.Window(first[(int)k]) is { } window && window == AdtsFrames.Window(second[(int)j]))
            {
                return [.. first.Take((int)k + 1), .. second.Skip((int)j + 1)];
            }
        }

        return null;
    }

    private Task<MediaCommandResult> EncodeAsync(string pcm, string trim, string? filter, string output, string half, CancellationToken cancellationToken)
    {
        var arguments = new ArgumentsBuilder()
            .Input(pcm)
            .Add("-map", "0:a:0")
            .Add("-af", filter is null ? trim : $"{trim},{filter}")
            .AddRange(AacEncoder.Arguments)
            .Add("-f", "adts")
            .Output(output)
            .Build();
        return runner.RunAsync(MediaCommand.FFmpeg(arguments, $"encoding the soundtrack's {half} half") with { OutputPath = output }, cancellationToken);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>AAC in ADTS frames: split, and the window of a frame's first channel pair read.</summary>
internal static class AdtsFrames
{
    /// <summary>The frames of an ADTS stream, each with its header. Throws on anything that is not ADTS.</summary>
    public static IReadOnlyList<byte[]> Read(byte[] data)
    {
        var frames = new List<byte[]>();
        var at = 0;
        while (at < data.Length)
        {
            if (data.Length - at < 7 || data[at] != 0xFF || (data[at + 1] & 0xF0) != 0xF0)
            {
                throw new MediaException(Invariant($"The AAC encoder's ADTS output has no frame header at byte {at}. Report this with your ffmpeg version."));
            }

            var length = ((data[at + 3] & 0x03) << 11) | (data[at + 4] << 3) | (data[at + 5] >> 5);
            if (length < 7 || at + length > data.Length)
            {
                throw new MediaException(Invariant($"The AAC encoder's ADTS output has a frame of {length} bytes at byte {at}, past its end. Report this with your ffmpeg version."));
            }

            frames.Add(data[at..(at + length)]);
            at += length;
        }

        return frames;
    }

    /// <summary>
    /// Window sequence and shape of a frame whose first element is a channel pair with a common
    /// window (the usual stereo frame); null for any other frame, which is never spliced on.
    /// </summary>
    public static int? Window(byte[] frame)
    {
        var header = (frame[1] & 0x01) == 1 ? 7 : 9; // protection_absent, else a 2-byte CRC follows
        if (frame.Length < header + 2)
        {
            return null;
        }

        var bits = (frame[header] << 8) | frame[header + 1];
        var element = bits >> 13; // id_syn_ele: 1 = channel pair
        var commonWindow = (bits >> 8) & 1; // after the 4-bit element_instance_tag
        // ics_info: ics_reserved_bit, window_sequence (2 bits), window_shape (1 bit)
        return element == 1 && commonWindow == 1 ? (bits >> 4) & 0x7 : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}