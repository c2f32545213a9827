using Recreation.Media.Validation;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// A decode check runs inside the probe's own ffprobe run (one process start, about 0.2 CPU-s
/// here, instead of a probe plus one or two ffmpeg decodes), and still finds damage.
/// </summary>
public class ValidationDecodeSpecs
{
    private TempDirectory _temp = null!;
    private string _good = null!;
    private string _corrupt = null!;

    [OneTimeSetUp]
    public async Task CreateMedia()
    {
        _temp = new TempDirectory("validation-decode-specs");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _good = await SyntheticMedia.CreateAsync(_temp.File("good.mp4"), new() { Duration = TimeSpan.FromSeconds(5) }, timeout.Token);
        _corrupt = await MediaFileDamage.CorruptedCopyAsync(_good, _temp.File("corrupt.mp4"), cancellationToken: timeout.Token);
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [TestCase(DecodeCheck.Quick)]
    [TestCase(DecodeCheck.Full)]
    [CancelAfter(20_000)]
    public async Task A_sound_clip_is_probed_and_decoded_by_one_ffprobe_run(DecodeCheck decode, CancellationToken cancellationToken)
    {
        using var tools = new CountedMediaTools();

        var result = await new MediaValidator(new FFmpegRunner(tools.Options)).ValidateAsync(new MediaValidationRequest(_good) { Decode = decode, MinimumDuration = TimeSpan.FromSeconds(5) }, cancellationToken);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(tools.Starts, Has.Count.EqualTo(1));
        Assert.That(tools.Starts[0], Does.StartWith("ffprobe ").And.Contain("-count_frames").And.Contain("-count_packets"));
    }

    [TestCase(DecodeCheck.Quick)]
    [TestCase(DecodeCheck.Full)]
    [CancelAfter(20_000)]
    public async Task Damage_in_the_middle_of_a_clip_is_found_by_that_one_run(DecodeCheck decode, CancellationToken cancellationToken)
    {
        using var tools = new CountedMediaTools();

        var result = await new MediaValidator(new FFmpegRunner(tools.Options)).ValidateAsync(new MediaValidationRequest(_corrupt) { Label = "clip-2", Decode = decode }, cancellationToken);

        Assert.That(result.Has(MediaProblemKind.Undecodable), Is.True, result.ToString());
        Assert.That(result.ToString(), Does.StartWith("clip-2 ('corrupt.mp4') is damaged: decoding it reports \""));
        Assert.That(tools.Starts, Has.Count.EqualTo(1).And.All.StartWith("ffprobe "));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_quick_check_of_a_file_over_the_limit_decodes_its_first_and_last_two_seconds(CancellationToken cancellationToken)
    {
        using var tools = new CountedMediaTools();
        var validator = new MediaValidator(new FFmpegRunner(tools.Options)) { WholeDecodeLimit = new FileInfo(_good).Length - 1 };

        var result = await validator.ValidateAsync(new MediaValidationRequest(_good) { Decode = DecodeCheck.Quick }, cancellationToken);

        Assert.That(result.Problems, Is.Empty);
        Assert.That(tools.Starts, Has.Count.EqualTo(3), string.Join("\n", tools.Starts));
        Assert.That(tools.Starts[0], Does.StartWith("ffprobe ").And.Not.Contain("-count_frames"));
        Assert.That(tools.Starts[1], Does.StartWith("ffmpeg ").And.Contain("-t 2 "));
        Assert.That(tools.Starts[2], Does.StartWith("ffmpeg ").And.Contain("-sseof -2 "));
    }

    [Test, CancelAfter(20_000)]
    public async Task Over_the_limit_damage_in_the_last_two_seconds_is_found(CancellationToken cancellationToken)
    {
        // The file is +faststart: its index comes first, so 90 % of the way in is the last second's media.
        var tail = await MediaFileDamage.CorruptedCopyAsync(_good, _temp.File("tail.mp4"), position: 0.9, cancellationToken: cancellationToken);
        using var tools = new CountedMediaTools();
        var validator = new MediaValidator(new FFmpegRunner(tools.Options)) { WholeDecodeLimit = 1 };

        var result = await validator.ValidateAsync(new MediaValidationRequest(tail) { Label = "clip-3", Decode = DecodeCheck.Quick }, cancellationToken);

        Assert.That(result.Has(MediaProblemKind.Undecodable), Is.True, result.ToString());
        Assert.That(result.ToString(), Does.StartWith("clip-3 ('tail.mp4') is damaged: decoding it reports \""));
        Assert.That(tools.Starts, Has.Count.EqualTo(3).And.Some.Contain("-sseof"));
    }

    [Test, CancelAfter(20_000)]
    public async Task A_full_check_decodes_everything_in_the_probe_whatever_the_size(CancellationToken cancellationToken)
    {
        using var tools = new CountedMediaTools();
        var validator = new MediaValidator(new FFmpegRunner(tools.Options)) { WholeDecodeLimit = 1 };

        var result = await validator.ValidateAsync(new MediaValidationRequest(_corrupt) { Decode = DecodeCheck.Full }, cancellationToken);

        Assert.That(result.Has(MediaProblemKind.Undecodable), Is.True, result.ToString());
        Assert.That(tools.Starts, Has.Count.EqualTo(1));
        Assert.That(tools.Starts[0], Does.StartWith("ffprobe ").And.Contain("-count_frames"));
    }

    [Test, CancelAfter(20_000)]
    public async Task Without_a_decode_check_nothing_is_decoded(CancellationToken cancellationToken)
    {
        using var tools = new CountedMediaTools();

        var result = await new MediaValidator(new FFmpegRunner(tools.Options)).ValidateAsync(new MediaValidationRequest(_corrupt) { Decode = DecodeCheck.None }, cancellationToken);

        Assert.That(result.Has(MediaProblemKind.Undecodable), Is.False, result.ToString());
        Assert.That(tools.Starts, Has.Count.EqualTo(1));
        Assert.That(tools.Starts[0], Does.Not.Contain("-count_frames"));
    }
}