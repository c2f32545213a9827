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
    public async Task Without_a_decode_check_nothing_is_decoded(CancellationToken cancellationToken)
    {
        using var tools = new CountedMediaTools();

        var result = await new MediaValidator(new FFmpegRunner(tools.Options)).ValidateAsync(new MediaValidationRequest(_corrupt) { Decode = DecodeCheck.None }, cancellationToken);

        Assert.That(result.Has(MediaProblemKind.Undecodable), Is.False, result.ToString());
        Assert.That(tools.Starts, Has.Count.EqualTo(1));
        Assert.That(tools.Starts[0], Does.Not.Contain("-count_frames"));
    }
}