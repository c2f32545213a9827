using System.Text.Json;

using Recreation.Media.Conforming;
using Recreation.Media.Probing;
using Recreation.Media.Probing.Mov;
using Recreation.Media.Stitching;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// The stitch reads its intermediates' facts from their MOV index in process: every field must be
/// what ffprobe says of the same file, for every frame rate the reader accepts and the conform
/// options that change the index (trims whose edit rounds down, fades, sizes that crop, mono and
/// silent sound), and anything else must be left to ffprobe.
/// </summary>
public class MovIndexSpecs
{
    private readonly FFmpegRunner _runner = new();
    private TempDirectory _temp = null!;
    private string _source = null!, _mono = null!, _silent = null!, _anamorphic = null!;

    [OneTimeSetUp]
    public async Task CreateSources()
    {
        _temp = new TempDirectory("mov-index");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var made = await Task.WhenAll(
            SyntheticMedia.CreateAsync(_temp.File("source.mp4"), new() { FrameRate = 30, Duration = TimeSpan.FromSeconds(1.2) }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("mono.mkv"), new() { Audio = SyntheticAudio.Mono, AudioSampleRate = 44100 }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("silent.webm"), new() { VideoCodec = SyntheticVideoCodec.Vp8, Audio = SyntheticAudio.None }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("anamorphic.mp4"), new() { Width = 240, Height = 180, SampleAspectRatio = new Rational(4, 3) }, timeout.Token));
        (_source, _mono, _silent, _anamorphic) = (made[0], made[1], made[2], made[3]);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    public static IEnumerable<TestCaseData> Conforms()
    {
        foreach (var fps in new Rational[] { 12, 15, 24, 25, 30, 48, 50, 60, new(24000, 1001), new(30000, 1001), new(60000, 1001) })
        {
            yield return new TestCaseData("source", new ConformSpec(320, 180, FitMode.Cover, fps)).SetArgDisplayNames($"{fps} fps");
        }

        // Five frames at 24 fps last 0.208333 s, which the edit in whole milliseconds cannot state exactly.
        yield return new TestCaseData("source", new ConformSpec(200, 120, FitMode.Cover, 24, TimeSpan.FromSeconds(5 / 24.0))).SetArgDisplayNames("five frames at 24 fps");
        yield return new TestCaseData("mono", new ConformSpec(640, 360, FitMode.Contain, new Rational(30000, 1001), TimeSpan.FromSeconds(0.9))).SetArgDisplayNames("mono 44.1 kHz, trimmed");
        yield return new TestCaseData("silent", new ConformSpec(320, 180, FitMode.Cover, 25) { FadeIn = TimeSpan.FromSeconds(0.2), FadeOut = TimeSpan.FromSeconds(0.2) }).SetArgDisplayNames("silent, faded");
        yield return new TestCaseData("anamorphic", new ConformSpec(256, 144, FitMode.Contain, 24)).SetArgDisplayNames("anamorphic, padded");
    }

    [TestCaseSource(nameof(Conforms)), CancelAfter(60_000)]
    public async Task An_intermediate_is_described_as_ffprobe_describes_it(string source, ConformSpec spec, CancellationToken cancellationToken)
    {
        var input = source switch { "mono" => _mono, "silent" => _silent, "anamorphic" => _anamorphic, _ => _source };
        var clip = await new Conformer(_runner).ConformAsync(input, _temp.File($"{Guid.NewGuid():N}.mov"), spec, cancellationToken: cancellationToken);

        var ours = MediaInfoMapper.Map(clip.Path, MovIndexReader.Read(clip.Path), new FileInfo(clip.Path).Length);
        var ffprobe = (await new MediaProbe(_runner).ProbeAsync(clip.Path, countPackets: true, cancellationToken)).Info;

        Assert.That(Json(ours), Is.EqualTo(Json(ffprobe)));
        Assert.That(ours.Video!.Keyframes, Is.Not.Empty, "the keyframes are listed");
    }

    [Test, CancelAfter(60_000)]
    public async Task A_stitch_of_intermediates_starts_no_ffprobe_for_them(CancellationToken cancellationToken)
    {
        var spec = new ConformSpec(320, 180, FitMode.Cover, 25);
        var conformer = new Conformer(_runner);
        var first = await conformer.ConformAsync(_source, _temp.File("join-1.mov"), spec, cancellationToken: cancellationToken);
        var second = await conformer.ConformAsync(_mono, _temp.File("join-2.mov"), spec, cancellationToken: cancellationToken);
        using var tools = new CountedMediaTools();

        var result = await new Stitcher(new FFmpegRunner(tools.Options)).JoinConformedAsync(
            new JoinRequest([first.Path, second.Path], [Transition.Crossfade(TimeSpan.FromSeconds(0.2))], _temp.File("joined.mp4"), _temp.Folder("join-work")),
            cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.Windowed), result.NotWindowedReason);
        Assert.That(tools.Starts.Where(s => s.StartsWith("ffprobe", StringComparison.Ordinal) && (s.Contains("join-1.mov", StringComparison.Ordinal) || s.Contains("join-2.mov", StringComparison.Ordinal))), Is.Empty);
        Assert.That(result.FrameCount, Is.EqualTo(30 + 25 - 5));
    }

    [Test, CancelAfter(30_000)]
    public async Task A_file_that_is_not_one_of_ours_is_left_to_ffprobe(CancellationToken cancellationToken)
    {
        Assert.That(() => MovIndexReader.Read(_source), Throws.TypeOf<MovFormatException>(), "H.264 and AAC in MP4 is not an intermediate");
        Assert.That(MovIndexReader.TryRead(_silent), Is.Null, "WebM is not MOV");

        var probe = new MediaProbe(_runner);
        var described = await probe.ProbeIntermediateAsync(_source, cancellationToken);

        Assert.That(Json(described), Is.EqualTo(Json((await probe.ProbeAsync(_source, countPackets: true, cancellationToken)).Info)));
    }

    [Test, CancelAfter(30_000)]
    public async Task An_intermediate_whose_samples_run_past_its_end_is_left_to_ffprobe(CancellationToken cancellationToken)
    {
        var clip = await new Conformer(_runner).ConformAsync(_source, _temp.File("whole.mov"), new ConformSpec(320, 180, FitMode.Cover, 25), cancellationToken: cancellationToken);
        var bytes = await File.ReadAllBytesAsync(clip.Path, cancellationToken);
        var cut = CutMediaData(bytes, 1000);

        Assert.That(() => MovIndexReader.Read(new MemoryStream(cut)), Throws.TypeOf<MovFormatException>().With.Message.Contains("truncated"));
        Assert.That(() => MovIndexReader.Read(new MemoryStream(bytes)), Throws.Nothing, "the same file whole is read");
    }

    [Test, CancelAfter(30_000)]
    public async Task An_edit_that_cuts_the_media_short_is_left_to_ffprobe(CancellationToken cancellationToken)
    {
        var clip = await new Conformer(_runner).ConformAsync(_source, _temp.File("edited.mov"), new ConformSpec(320, 180, FitMode.Cover, 25), cancellationToken: cancellationToken);
        var bytes = await File.ReadAllBytesAsync(clip.Path, cancellationToken);
        var elst = bytes.AsSpan().IndexOf("elst"u8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(elst + 12), 500); // play 0.5 s of the video's 1.2 s

        Assert.That(() => MovIndexReader.Read(new MemoryStream(bytes)), Throws.TypeOf<MovFormatException>().With.Message.Contains("edit shorter"));
    }

    [Test, CancelAfter(60_000)]
    public async Task Damaged_indexes_are_refused_and_never_throw_anything_else(CancellationToken cancellationToken)
    {
        var clip = await new Conformer(_runner).ConformAsync(_source, _temp.File("fuzzed.mov"), new ConformSpec(320, 180, FitMode.Cover, 25), cancellationToken: cancellationToken);
        var bytes = await File.ReadAllBytesAsync(clip.Path, cancellationToken);
        var moov = bytes.AsSpan().IndexOf("moov"u8) - 4;
        var random = new Random(20261204);
        var (refused, read) = (0, 0);
        for (var i = 0; i < 3000; i++)
        {
            var damaged = (byte[])bytes.Clone();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                var at = moov + random.Next(bytes.Length - moov);
                damaged[at] = random.Next(3) switch { 0 => 0, 1 => 0xff, _ => (byte)random.Next(256) };
            }

            var length = random.Next(10) == 0 ? random.Next(moov, damaged.Length) : damaged.Length;
            try
            {
                MovIndexReader.Read(new MemoryStream(damaged, 0, length));
                read++;
            }
            catch (MovFormatException)
            {
                refused++;
            }
        }

        Assert.That(refused, Is.GreaterThan(500), "damage to the index is noticed");
        Assert.That(read + refused, Is.EqualTo(3000));
    }

    /// <summary>The file with <paramref name="count"/> bytes taken out of its mdat (its size mended), so the index points past the end.</summary>
    private static byte[] CutMediaData(byte[] bytes, int count)
    {
        var mdat = bytes.AsSpan().IndexOf("mdat"u8) - 4;
        var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(mdat));
        var cut = bytes.Take(mdat + 8).Concat(bytes.Skip(mdat + 8 + count)).ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(cut.AsSpan(mdat), size - (uint)count);
        return cut;
    }

    private static string Json(MediaInfo info) => JsonSerializer.Serialize(info);
}