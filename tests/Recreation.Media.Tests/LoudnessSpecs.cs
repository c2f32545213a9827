using Recreation.Media.Audio;
using Recreation.Media.Stitching;
using Recreation.Testing;

namespace Recreation.Media.Tests;

public class LoudnessSpecs
{
    private readonly FFmpegRunner _runner = new();
    private Stitcher _stitcher = null!;
    private LoudnessMeter _meter = null!;
    private TempDirectory _temp = null!;
    private string _quiet = null!, _loud = null!, _silent = null!;

    [OneTimeSetUp]
    public async Task CreateMedia()
    {
        (_stitcher, _meter) = (new Stitcher(_runner), new LoudnessMeter(_runner));
        _temp = new TempDirectory("loudness-specs");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var made = await Task.WhenAll(
            SyntheticMedia.CreateAsync(_temp.File("quiet.mp4"), new() { Duration = TimeSpan.FromSeconds(2), AudioVolumeDb = -12 }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("loud.mp4"), new() { Duration = TimeSpan.FromSeconds(2), AudioVolumeDb = 3, AudioFrequency = 880 }, timeout.Token),
            SyntheticMedia.CreateAsync(_temp.File("silent.mp4"), new() { Audio = SyntheticAudio.None }, timeout.Token));
        (_quiet, _loud, _silent) = (made[0], made[1], made[2]);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(40_000)]
    public async Task Conformed_clips_are_normalised_to_within_one_LU_of_the_target(CancellationToken cancellationToken)
    {
        var output = _temp.File("normalised.mp4");
        var request = new StitchRequest([new(_quiet), new(_loud)], [Transition.Crossfade(TimeSpan.FromSeconds(0.2))],
            new StitchSettings(320, 180, FitMode.Cover, 25, LoudnessLufs: -24), output, _temp.Folder("work"));

        var result = await _stitcher.StitchAsync(request, cancellationToken: cancellationToken);

        var measured = await _meter.MeasureAsync(output, cancellationToken);
        Assert.That(measured.IntegratedLufs, Is.EqualTo(-24).Within(1.0));
        Assert.That(measured.TruePeakDbtp, Is.LessThanOrEqualTo(-1.0));
        Assert.That(result.Loudness, Is.Not.Null);
        Assert.That(result.Loudness!.NormalizationType, Is.EqualTo("linear"));
        Assert.That(result.Loudness.TargetLufs, Is.EqualTo(-24));
        Assert.That(result.Loudness.Input.IntegratedLufs, Is.Not.EqualTo(-24).Within(3.0), "the input really was off target");
    }

    [Test, CancelAfter(40_000)]
    public async Task Stream_copied_clips_get_their_audio_normalised_while_the_video_is_copied(CancellationToken cancellationToken)
    {
        var output = _temp.File("fast-normalised.mp4");
        var request = new StitchRequest([new(_quiet), new(_quiet)], [], new StitchSettings(320, 180, FitMode.Cover, 25, LoudnessLufs: -20), output, _temp.Folder("work"));

        var result = await _stitcher.StitchAsync(request, cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.StreamCopy));
        Assert.That((await _meter.MeasureAsync(output, cancellationToken)).IntegratedLufs, Is.EqualTo(-20).Within(1.0));
        Assert.That(result.FrameCount, Is.EqualTo(100));
    }

    [Test, CancelAfter(40_000)]
    public async Task Silence_is_left_alone_and_reported_as_skipped(CancellationToken cancellationToken)
    {
        var output = _temp.File("silent-out.mp4");
        var request = new StitchRequest([new(_silent), new(_silent)], [], new StitchSettings(320, 180, FitMode.Cover, 25, LoudnessLufs: -14), output, _temp.Folder("work"));

        var result = await _stitcher.StitchAsync(request, cancellationToken: cancellationToken);

        Assert.That(result.Loudness!.NormalizationType, Is.EqualTo("skipped (silent)"));
        Assert.That(result.Output.Audio, Is.Not.Null, "the output always carries a stereo track");
        Assert.That(await MediaInspection.MeanVolumeDbAsync(output, cancellationToken), Is.LessThan(-90));
    }

    [Test]
    public void The_second_pass_widens_the_loudness_range_so_loudnorm_stays_linear()
    {
        var measured = new LoudnessMeasurement(-23.4, -7.1, 14.2, -33.9, 0.3);

        var filter = LoudnessMeter.SecondPassFilter(measured, -14);

        Assert.That(filter, Is.EqualTo("loudnorm=I=-14:TP=-1.5:LRA=16:measured_I=-23.4:measured_TP=-7.1:measured_LRA=14.2:measured_thresh=-33.9:offset=0.3:linear=true:print_format=json"));
        Assert.That(LoudnessMeter.SecondPassFilter(measured with { LoudnessRangeLu = 3 }, -14), Does.Contain(":LRA=11:"));
    }

    [Test]
    public void A_linear_second_pass_is_one_volume_gain_and_reports_the_target_it_reaches()
    {
        // -21.1 LUFS with a true peak of -17.7 dBTP: +7.1 dB keeps the peak at -10.6, under -1.5.
        var measured = new LoudnessMeasurement(-21.1, -17.7, 6.2, -31.1, 0);

        Assert.That(LoudnessMeter.WouldBeLinear(measured, -14), Is.True);
        Assert.That(LoudnessMeter.SecondPassFilter(measured, -14), Is.EqualTo("volume=7.1dB"));
        Assert.That(LoudnessMeter.SecondPassReport(stderr: string.Empty, measured, -14), Is.EqualTo(new LoudnessReport(-14, measured, "linear", -14)));
        // The same measurement aimed so high that the gain would push the peak over the limit: loudnorm decides.
        Assert.That(LoudnessMeter.SecondPassFilter(measured, -3), Does.StartWith("loudnorm=I=-3:"));
    }

    [Test]
    public void The_ebur128_summary_gives_what_the_second_pass_needs()
    {
        const string Stderr = "[Parsed_ebur128_0 @ 0x1] t: 95.9 TARGET:-23 LUFS M: -21.0 S: -21.0 I: -21.2 LUFS LRA: 6.2 LU FTPK: -17.8 dBFS TPK: -17.7 dBFS\n"
            + "[Parsed_ebur128_0 @ 0x1] Summary:\n\n  Integrated loudness:\n    I:         -21.1 LUFS\n    Threshold: -31.1 LUFS\n\n"
            + "  Loudness range:\n    LRA:         6.2 LU\n    Threshold: -41.1 LUFS\n    LRA low:   -24.7 LUFS\n    LRA high:  -18.6 LUFS\n\n"
            + "  True peak:\n    Peak:      -17.7 dBFS\n";

        var measured = Ebur128Summary.Parse(Stderr);

        Assert.That(measured, Is.EqualTo(new LoudnessMeasurement(-21.1, -17.7, 6.2, -31.1, 0)));
    }

    [Test]
    public void An_ebur128_summary_of_silence_reads_as_silent()
    {
        const string Stderr = "Summary:\n\n  Integrated loudness:\n    I:         -70.0 LUFS\n    Threshold:   0.0 LUFS\n\n"
            + "  Loudness range:\n    LRA:         0.0 LU\n    Threshold:   0.0 LUFS\n\n  True peak:\n    Peak:       -inf dBFS\n";

        var measured = Ebur128Summary.Parse(Stderr);

        Assert.That(measured.IsSilent, Is.True);
        Assert.That(measured.TruePeakDbtp, Is.EqualTo(double.NegativeInfinity));
    }

    [Test]
    public void Loudnorm_json_is_read_from_the_end_of_stderr_including_infinities()
    {
        const string Stderr = "size=N/A time=00:00:01.00\n[Parsed_loudnorm_0 @ 0x1] \n{\n\t\"input_i\" : \"-inf\",\n\t\"input_tp\" : \"-inf\",\n\t\"input_lra\" : \"0.00\",\n\t\"input_thresh\" : \"-70.00\",\n\t\"normalization_type\" : \"dynamic\",\n\t\"target_offset\" : \"inf\"\n}\n";

        var measured = LoudnormJson.Measurement(LoudnormJson.Parse(Stderr), "input");

        Assert.That(measured.IsSilent, Is.True);
        Assert.That(measured.IntegratedLufs, Is.EqualTo(double.NegativeInfinity));
        Assert.That(measured.TargetOffsetLu, Is.EqualTo(double.PositiveInfinity));
    }
}