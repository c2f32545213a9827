using System.Globalization;

using Recreation.Media.Audio;
using Recreation.Media.Processes;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>A long soundtrack encoded to AAC as two halves at once and spliced must be the stream one run would give.</summary>
public class SplitAacSpecs
{
    private const int Rate = 48000;
    private static readonly TimeSpan Length = TimeSpan.FromSeconds(45);
    private readonly FFmpegRunner _runner = new();
    private TempDirectory _temp = null!;
    private string _pcm = null!;

    [OneTimeSetUp]
    public async Task MakeSoundtrack()
    {
        _temp = new TempDirectory("split-aac");
        _pcm = _temp.File("soundtrack.wav");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Pink noise shared by both channels, a tone on the left, and a click every 0.7 s (short
        // windows): enough for the encoder to choose different windows and spend its bits unevenly.
        var arguments = new ArgumentsBuilder()
            .Add("-f", "lavfi").Add("-i", Invariant($"anoisesrc=c=pink:a=0.15:r={Rate}:d={Length.TotalSeconds}:seed=3"))
            .Add("-f", "lavfi").Add("-i", Invariant($"sine=f=440:r={Rate}:d={Length.TotalSeconds}"))
            .Add("-f", "lavfi").Add("-i", Invariant($"aevalsrc='if(lt(mod(t\\,0.7)\\,0.004)\\,0.8\\,0)':s={Rate}:d={Length.TotalSeconds}"))
            .Add("-filter_complex", "[0][2]amix=inputs=2:normalize=0,asplit[n1][n2];[n1][1]amix=inputs=2:normalize=0[l];[l][n2]join=inputs=2:channel_layout=stereo[out]")
            .Add("-map", "[out]").Add("-c:a", "pcm_s16le").Add("-f", "wav").Output(_pcm)
            .Build();
        await _runner.RunAsync(MediaCommand.FFmpeg(arguments, "making a test soundtrack"), timeout.Token);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(60_000)]
    public async Task Two_halves_spliced_give_the_samples_and_the_quality_of_one_run(CancellationToken cancellationToken)
    {
        const string Gain = "volume=-3dB";
        var (single, split) = (_temp.File("single.m4a"), _temp.File("split.m4a"));
        await _runner.RunAsync(MediaCommand.FFmpeg(new ArgumentsBuilder().Input(_pcm).Add("-af", Gain).AddRange(AacEncoder.Arguments).Add("-f", "ipod").Output(single).Build(), "one run"), cancellationToken);

        var spliced = await new SplitAacEncoder(_runner).TryEncodeAsync(_pcm, Gain, Length, split, cancellationToken);

        Assert.That(spliced, Is.True, "a frame near the middle could be spliced");
        Assert.That(Directory.GetFiles(_temp.Path).Select(Path.GetFileName).Where(f => f!.StartsWith("split.m4a.", StringComparison.Ordinal)), Is.Empty, "the halves and the joined ADTS are removed");
        var (one, two) = (await StreamFactsAsync(single, cancellationToken), await StreamFactsAsync(split, cancellationToken));
        Assert.That(two, Is.EqualTo(one), "packets, samples (duration_ts) and start as one run writes them");
        Assert.That(two, Does.Contain(Invariant($"duration_ts={Length.TotalSeconds * Rate}")));

        var source = await DecodeAsync(_pcm, Gain, cancellationToken);
        var (errorOne, errorTwo) = (ErrorPerSecond(source, await DecodeAsync(single, null, cancellationToken)), ErrorPerSecond(source, await DecodeAsync(split, null, cancellationToken)));
        var signal = ErrorPerSecond(source, new float[source.Length]);
        TestContext.Out.WriteLine("second: signal / one run / split (dB)");
        for (var s = 0; s < errorOne.Length; s++)
        {
            TestContext.Out.WriteLine(Invariant($"{s,2}: {signal[s],6:0.0} {errorOne[s],6:0.0} {errorTwo[s],6:0.0}"));
        }

        Assert.Multiple(() =>
        {
            for (var s = 0; s < errorOne.Length; s++)
            {
                // Misaligned by even one frame, the error would be as loud as the signal (noise coded
                // at 192 kb/s stays ~20 dB under it); a bad splice would show as a loud second
                // around the middle, and a cold encoder after it as seconds of larger error.
                Assert.That(errorTwo[s], Is.LessThan(signal[s] - 12), $"second {s}: the split encode is aligned with the source");
                Assert.That(errorTwo[s], Is.LessThan(errorOne[s] + 1), $"second {s}: the split encode is as good as one run");
            }
        });
    }

    [Test]
    public void The_splice_moves_to_the_first_frame_both_halves_coded_with_the_same_window()
    {
        // Frames carry their index in the last byte.
        var first = Enumerable.Range(0, 120).Select(i => Frame(i is 100 or 101 ? 0x40 : 0x00, i)).ToList();
        var second = Enumerable.Range(0, 60).Select(i => Frame(0x00, i + 50)).ToList();

        // Splice wanted at 100; the halves disagree at 100 and 101, agree at 102.
        var frames = SplitAacEncoder.Splice(first, second, splice: 100, secondStartsAt: 50);

        Assert.That(frames, Is.Not.Null);
        Assert.That(frames!.Select(f => (int)f[^1]), Is.EqualTo(Enumerable.Range(0, 110)), "frames 0..102 from the first half, 103.. from the second, none twice");
        Assert.That(frames!.Take(103), Is.EqualTo(first.Take(103)));
    }

    [Test]
    public void Halves_that_never_agree_on_a_window_are_not_spliced()
    {
        var first = Enumerable.Range(0, 200).Select(_ => Frame(0x00, 0)).ToList();
        var second = Enumerable.Range(0, 200).Select(_ => Frame(0x40, 0)).ToList();

        Assert.That(SplitAacEncoder.Splice(first, second, splice: 100, secondStartsAt: 50), Is.Null);
    }

    [Test]
    public void ADTS_is_read_frame_by_frame_and_anything_else_is_refused()
    {
        // Two frames of 9 and 8 bytes (frame_length in bits 30..42 of the header).
        byte[] data = [0xFF, 0xF1, 0x50, 0x80, 0x01, 0x20, 0x00, 0x21, 0x00, 0xFF, 0xF1, 0x50, 0x80, 0x01, 0x00, 0x00, 0x21];

        Assert.That(AdtsFrames.Read(data).Select(f => f.Length), Is.EqualTo(new[] { 9, 8 }));
        Assert.That(AdtsFrames.Window(AdtsFrames.Read(data)[0]), Is.EqualTo(0));
        Assert.Throws<MediaException>(() => AdtsFrames.Read([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07]));
        Assert.Throws<MediaException>(() => AdtsFrames.Read(data[..12]), "a frame cut short");
    }

    /// <summary>An ADTS frame whose channel pair has a common window: 0x00 = only long, 0x40 = eight short; <paramref name="index"/> in its last byte.</summary>
    private static byte[] Frame(int window, int index) => [0xFF, 0xF1, 0, 0, 0, 0, 0, 0x21, (byte)(0x80 | window), (byte)index];

    private async Task<string> StreamFactsAsync(string path, CancellationToken cancellationToken)
    {
        var arguments = new ArgumentsBuilder().Add("-select_streams", "a:0").Add("-show_entries", "stream=codec_name,start_time,duration_ts,nb_frames")
            .Add("-of", "compact=p=0").Input(path).Build();
        return (await _runner.RunAsync(MediaCommand.FFprobe(arguments, "reading stream facts"), cancellationToken)).StandardOutput.Trim();
    }

    private async Task<float[]> DecodeAsync(string path, string? filter, CancellationToken cancellationToken)
    {
        var raw = _temp.File(Path.GetFileName(path) + ".f32");
        var arguments = new ArgumentsBuilder().Input(path).Add("-map", "0:a:0");
        if (filter is not null)
        {
            arguments.Add("-af", filter);
        }

        arguments.Add("-ac", "2").Add("-ar", Rate).Add("-f", "f32le").Output(raw);
        await _runner.RunAsync(MediaCommand.FFmpeg(arguments.Build(), "decoding"), cancellationToken);
        var bytes = await File.ReadAllBytesAsync(raw, cancellationToken);
        var samples = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, samples, 0, samples.Length * sizeof(float));
        return samples;
    }

    /// <summary>RMS of the difference per second of stereo, in dB (full scale = 0).</summary>
    private static double[] ErrorPerSecond(float[] expected, float[] actual)
    {
        var seconds = expected.Length / (2 * Rate);
        var errors = new double[seconds];
        for (var s = 0; s < seconds; s++)
        {
            double sum = 0;
            for (var i = s * 2 * Rate; i < (s + 1) * 2 * Rate; i++)
            {
                var d = expected[i] - (i < actual.Length ? actual[i] : 0);
                sum += d * d;
            }

            errors[s] = 10 * Math.Log10((sum / (2 * Rate)) + 1e-20);
        }

        return errors;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}