using Recreation.Media.Conforming;
using Recreation.Media.Frames;
using Recreation.Media.Processes;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// A conform that also measures the clip's look (<see cref="Conformer.MeasureLooks"/>) writes the
/// same intermediate, and its thumbnails and palette are those <see cref="LookExtractor"/> measures
/// from the file, short of the encoding's loss: the same frames (each frame of the source has its
/// own brightness, so a neighbour would be told apart), the same size, the same colours.
/// </summary>
public class ConformLookSpecs
{
    private readonly FFmpegRunner _runner = new();
    private TempDirectory _temp = null!;
    private string _ramp = null!;

    [OneTimeSetUp]
    public async Task CreateRamp()
    {
        _temp = new TempDirectory("conform-looks");
        _ramp = _temp.File("ramp.mp4");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // 31 frames at 24 fps, frame n at brightness 16 + 7n: every frame is told apart from its neighbours.
        await _runner.RunAsync(MediaCommand.FFmpeg(
            new ArgumentsBuilder()
                .Add("-f", "lavfi").Add("-i", "nullsrc=s=320x180:r=24:d=1.29,geq=lum='16+7*N':cb=128:cr=128,format=yuv420p")
                .Add("-f", "lavfi").Add("-i", "sine=d=1.29")
                .Add("-c:v", "libx264").Add("-crf", "10").Add("-c:a", "aac").Add("-shortest")
                .Output(_ramp).Build(), "making a brightness ramp"), timeout.Token);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [TestCase(24, 1.0)]
    [TestCase(25, 0.96)]
    [CancelAfter(60_000)]
    public async Task The_look_is_the_files_own_and_the_intermediate_is_unchanged(int fps, double seconds, CancellationToken cancellationToken)
    {
        var spec = new ConformSpec(320, 180, FitMode.Cover, fps, TimeSpan.FromSeconds(seconds));
        var plain = await new Conformer(_runner).ConformAsync(_ramp, _temp.File($"plain-{fps}.mov"), spec, cancellationToken: cancellationToken);
        var measured = await new Conformer(_runner) { MeasureLooks = true }.ConformAsync(_ramp, _temp.File($"measured-{fps}.mov"), spec, cancellationToken: cancellationToken);

        Assert.That(plain.Look, Is.Null, "not asked for");
        Assert.That(await File.ReadAllBytesAsync(measured.Path, cancellationToken), Is.EqualTo(await File.ReadAllBytesAsync(plain.Path, cancellationToken)), "the same intermediate, byte for byte");
        var look = measured.Look ?? throw new AssertionException("the conform measured no look");
        Assert.That(look.Path, Is.EqualTo(measured.Path));

        var info = await new Probing.MediaProbe(_runner).ProbeAsync(measured.Path, cancellationToken);
        var fromFile = (await new LookExtractor(_runner).ExtractAsync([info], cancellationToken: cancellationToken))[0];
        for (var t = 0; t < 3; t++)
        {
            var ours = await DecodeAsync(look.Thumbnails[t]!, $"{fps}-ours-{t}", cancellationToken);
            var theirs = await DecodeAsync(fromFile.Thumbnails[t]!, $"{fps}-file-{t}", cancellationToken);
            Assert.That(MeanDifference(ours, theirs), Is.LessThan(2.5), $"thumbnail {t}: the same frame, at the same size");
        }

        Assert.That(PaletteDistance.Between(look.Palette, fromFile.Palette), Is.LessThan(2), "the same colours");
    }

    private async Task<RgbFrame> DecodeAsync(byte[] jpeg, string name, CancellationToken cancellationToken)
    {
        var path = _temp.File(name + ".jpg");
        await File.WriteAllBytesAsync(path, jpeg, cancellationToken);
        return await MediaInspection.ReadFrameAsync(path, 240, 136, TimeSpan.Zero, cancellationToken);
    }

    private static double MeanDifference(RgbFrame a, RgbFrame b)
    {
        var x = a.Pixels.Span;
        var y = b.Pixels.Span;
        Assert.That(x.Length, Is.EqualTo(y.Length));
        long sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += Math.Abs(x[i] - y[i]);
        }

        return (double)sum / x.Length;
    }
}