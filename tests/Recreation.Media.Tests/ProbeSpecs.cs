using Recreation.Media.Probing;
using Recreation.Testing;

namespace Recreation.Media.Tests;

public class ProbeSpecs
{
    private readonly MediaProbe _probe = new(new FFmpegRunner());
    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _temp = new TempDirectory("probe-specs");

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(20_000)]
    public async Task Probing_a_plain_clip_reports_its_streams(CancellationToken cancellationToken)
    {
        var path = await SyntheticMedia.CreateAsync(_temp.File("plain.mp4"), new() { Duration = TimeSpan.FromSeconds(1.2) }, cancellationToken);

        var info = await _probe.ProbeAsync(path, cancellationToken);

        Assert.That(info.FormatName, Does.Contain("mp4"));
        Assert.That(info.SizeBytes, Is.EqualTo(new FileInfo(path).Length));
        Assert.That(info.Video, Is.Not.Null);
        var video = info.Video!;
        Assert.That((video.Codec, video.Profile, video.Width, video.Height, video.PixelFormat), Is.EqualTo(("h264", "High", 320, 180, "yuv420p")));
        Assert.That(video.FrameRate, Is.EqualTo((Rational)25));
        Assert.That(video.IsVariableFrameRate, Is.False);
        Assert.That(video.FrameCount, Is.EqualTo(30));
        Assert.That(video.Duration, Is.EqualTo(TimeSpan.FromSeconds(1.2)));
        Assert.That(video.SampleAspectRatio, Is.EqualTo(Rational.One));
        Assert.That(video.ExtradataHash, Does.StartWith("SHA256:"));
        Assert.That(video.TimeBase.IsPositive, Is.True);
        Assert.That(info.Audio, Is.Not.Null);
        Assert.That((info.Audio!.Codec, info.Audio.SampleRate, info.Audio.Channels, info.Audio.ChannelLayout), Is.EqualTo(("aac", 48000, 2, "stereo")));
    }

    [Test, CancelAfter(20_000)]
    public async Task Probing_a_rotated_clip_reports_its_display_size(CancellationToken cancellationToken)
    {
        var path = await SyntheticMedia.CreateAsync(_temp.File("rotated.mp4"), new() { Rotation = 90 }, cancellationToken);

        var video = (await _probe.ProbeAsync(path, cancellationToken)).Video!;

        Assert.That((video.Width, video.Height), Is.EqualTo((320, 180)));
        Assert.That(video.Rotation, Is.EqualTo(90).Or.EqualTo(270));
        Assert.That((video.DisplayWidth, video.DisplayHeight), Is.EqualTo((180, 320)));
        Assert.That(video.DisplayAspectRatio, Is.EqualTo(180.0 / 320).Within(1e-9));
    }

    [Test, CancelAfter(20_000)]
    public async Task Probing_an_anamorphic_clip_reports_its_sample_aspect_ratio(CancellationToken cancellationToken)
    {
        var path = await SyntheticMedia.CreateAsync(_temp.File("anamorphic.mp4"), new() { Width = 240, Height = 180, SampleAspectRatio = new Rational(4, 3) }, cancellationToken);

        var video = (await _probe.ProbeAsync(path, cancellationToken)).Video!;

        Assert.That(video.SampleAspectRatio, Is.EqualTo(new Rational(4, 3)));
        Assert.That(video.HasSquarePixels, Is.False);
        Assert.That(video.DisplayAspectRatio, Is.EqualTo(16.0 / 9).Within(1e-9));
    }

    [Test, CancelAfter(20_000)]
    public async Task Probing_a_variable_frame_rate_clip_says_so(CancellationToken cancellationToken)
    {
        var path = await SyntheticMedia.CreateAsync(_temp.File("vfr.mp4"), new() { VariableFrameRate = true, Duration = TimeSpan.FromSeconds(2) }, cancellationToken);

        var video = (await _probe.ProbeAsync(path, cancellationToken)).Video!;

        Assert.That(video.IsVariableFrameRate, Is.True);
        Assert.That(video.RFrameRate, Is.EqualTo((Rational)25));
        Assert.That(video.AvgFrameRate, Is.Not.EqualTo(video.RFrameRate));
    }

    [Test, CancelAfter(20_000)]
    public async Task Probing_a_clip_without_audio_reports_no_audio(CancellationToken cancellationToken)
    {
        var path = await SyntheticMedia.CreateAsync(_temp.File("silent.webm"), new() { VideoCodec = SyntheticVideoCodec.Vp9, Audio = SyntheticAudio.None }, cancellationToken);

        var info = await _probe.ProbeAsync(path, cancellationToken);

        Assert.That(info.HasAudio, Is.False);
        Assert.That(info.AudioStreamCount, Is.Zero);
        Assert.That(info.Video!.Codec, Is.EqualTo("vp9"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Probing_a_surround_clip_reports_six_channels(CancellationToken cancellationToken)
    {
        var path = await SyntheticMedia.CreateAsync(_temp.File("surround.mp4"), new() { Audio = SyntheticAudio.Surround51, AudioSampleRate = 44100 }, cancellationToken);

        var audio = (await _probe.ProbeAsync(path, cancellationToken)).Audio!;

        Assert.That((audio.Channels, audio.ChannelLayout, audio.SampleRate), Is.EqualTo((6, "5.1", 44100)));
    }

    [Test, CancelAfter(20_000)]
    public async Task Probing_a_matroska_clip_reads_stream_durations_from_tags(CancellationToken cancellationToken)
    {
        var path = await SyntheticMedia.CreateAsync(_temp.File("clip.mkv"), new() { Duration = TimeSpan.FromSeconds(1.6), VideoCodec = SyntheticVideoCodec.Hevc, Audio = SyntheticAudio.Mono, AudioSampleRate = 44100 }, cancellationToken);

        var info = await _probe.ProbeAsync(path, cancellationToken);

        Assert.That(info.IsMatroska, Is.True);
        Assert.That(info.Video!.Codec, Is.EqualTo("hevc"));
        Assert.That(info.Video.Duration, Is.Not.Null);
        Assert.That(info.Video.Duration!.Value.TotalSeconds, Is.EqualTo(1.6).Within(0.05));
        Assert.That(info.Audio!.Duration!.Value.TotalSeconds, Is.EqualTo(1.6).Within(0.05));
    }

    [Test, CancelAfter(20_000)]
    public async Task Probing_a_ten_bit_clip_reports_its_pixel_format(CancellationToken cancellationToken)
    {
        var path = await SyntheticMedia.CreateAsync(_temp.File("ten-bit.mp4"), new() { PixelFormat = "yuv420p10le", Audio = SyntheticAudio.None }, cancellationToken);

        var video = (await _probe.ProbeAsync(path, cancellationToken)).Video!;

        Assert.That((video.PixelFormat, video.Profile), Is.EqualTo(("yuv420p10le", "High 10")));
    }

    [Test, CancelAfter(20_000)]
    public async Task Probing_a_file_that_is_not_media_names_the_file(CancellationToken cancellationToken)
    {
        var path = _temp.File("notes.mp4");
        await File.WriteAllTextAsync(path, "these are not the frames you are looking for", cancellationToken);

        var error = Assert.ThrowsAsync<MediaException>(() => _probe.ProbeAsync(path, cancellationToken));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("not a media file"));
        Assert.That(error.FilePath, Is.EqualTo(path));
    }

    [Test, CancelAfter(20_000)]
    public void Probing_an_empty_file_says_it_is_empty(CancellationToken cancellationToken)
    {
        var path = _temp.File("empty.mp4");
        File.WriteAllBytes(path, []);

        var error = Assert.ThrowsAsync<MediaException>(() => _probe.ProbeAsync(path, cancellationToken));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("empty (0 bytes)"));
    }

    [Test, CancelAfter(20_000)]
    public void Probing_a_missing_file_says_it_does_not_exist(CancellationToken cancellationToken)
    {
        var path = _temp.File("missing.mp4");

        var error = Assert.ThrowsAsync<MediaException>(() => _probe.ProbeAsync(path, cancellationToken));

        Assert.That(error!.Message, Does.Contain(path).And.Contain("does not exist"));
    }

    [TestCase("input_3sec.mp4", 1280, 720, 6, 0)]
    [TestCase("input_3sec_rotation_90deg.mp4", 720, 1280, 6, 90)]
    [TestCase("input_3sec.webm", 640, 360, 0, 0)]
    [TestCase("sampleMKV.mkv", 560, 320, 1, 0)]
    [CancelAfter(20_000)]
    public async Task Probing_the_shared_real_world_clips_reads_their_oddities(string name, int displayWidth, int displayHeight, int channels, int rotation, CancellationToken cancellationToken)
    {
        var folder = SharedMediaFolder.OrIgnore();

        var info = await _probe.ProbeAsync(Path.Combine(folder, name), cancellationToken);

        Assert.That((info.Video!.DisplayWidth, info.Video.DisplayHeight), Is.EqualTo((displayWidth, displayHeight)));
        Assert.That(info.Audio?.Channels ?? 0, Is.EqualTo(channels));
        Assert.That(info.Video.Rotation % 180, Is.EqualTo(rotation % 180));
        Assert.That(info.VideoDuration.TotalSeconds, Is.GreaterThan(2.9));
    }
}