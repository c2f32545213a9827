using Recreation.Media.Probing;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>The test helper itself: other projects rely on it making what it says.</summary>
public class SyntheticMediaSpecs
{
    private readonly MediaProbe _probe = new(new FFmpegRunner());
    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _temp = new TempDirectory("synthetic-specs");

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [TestCase(SyntheticVideoCodec.H264, "clip.mp4", "h264")]
    [TestCase(SyntheticVideoCodec.Hevc, "clip.mov", "hevc")]
    [TestCase(SyntheticVideoCodec.Vp9, "clip.webm", "vp9")]
    [TestCase(SyntheticVideoCodec.Vp8, "clip.mkv", "vp8")]
    [TestCase(SyntheticVideoCodec.Mpeg4, "clip.avi", "mpeg4")]
    [CancelAfter(20_000)]
    public async Task Each_codec_and_container_is_made_as_asked(SyntheticVideoCodec codec, string name, string codecName, CancellationToken cancellationToken)
    {
        var path = await SyntheticMedia.CreateAsync(_temp.File($"{codec}-{name}"), new() { VideoCodec = codec, FrameRate = 24, Duration = TimeSpan.FromSeconds(0.5), Audio = SyntheticAudio.Mono, AudioSampleRate = 32000 }, cancellationToken);

        var info = await _probe.ProbeAsync(path, cancellationToken);

        Assert.That(info.Video!.Codec, Is.EqualTo(codecName));
        Assert.That((info.Video.Width, info.Video.Height, info.Video.RFrameRate), Is.EqualTo((320, 180, (Rational)24)));
        Assert.That((info.Audio!.Channels, info.Audio.SampleRate), Is.EqualTo((1, 32000)));
    }

    [Test, CancelAfter(20_000)]
    public async Task Audio_can_be_shorter_or_longer_than_the_video(CancellationToken cancellationToken)
    {
        var shorter = await SyntheticMedia.CreateAsync(_temp.File("short-audio.mp4"), new() { AudioDuration = TimeSpan.FromSeconds(0.4) }, cancellationToken);
        var longer = await SyntheticMedia.CreateAsync(_temp.File("long-audio.mp4"), new() { AudioDuration = TimeSpan.FromSeconds(1.5) }, cancellationToken);

        Assert.That((await _probe.ProbeAsync(shorter, cancellationToken)).Audio!.Duration!.Value.TotalSeconds, Is.EqualTo(0.4).Within(0.03));
        Assert.That((await _probe.ProbeAsync(longer, cancellationToken)).Audio!.Duration!.Value.TotalSeconds, Is.EqualTo(1.5).Within(0.03));
    }

    [Test]
    public void The_repository_root_is_found_from_the_test_assembly()
    {
        Assert.That(File.Exists(Path.Combine(RepoPaths.Root, "Recreation.sln")), Is.True);
    }
}