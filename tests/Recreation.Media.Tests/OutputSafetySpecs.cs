using Recreation.Media.Stitching;
using Recreation.Testing;

namespace Recreation.Media.Tests;

public class OutputSafetySpecs
{
    private readonly Stitcher _stitcher = new(new FFmpegRunner());
    private TempDirectory _media = null!;
    private string[] _clips = null!;

    [OneTimeSetUp]
    public async Task CreateMedia()
    {
        _media = new TempDirectory("output-safety-media");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _clips = await Task.WhenAll(
            SyntheticMedia.CreateAsync(_media.File("one.mp4"), new() { Width = 640, Height = 360, Duration = TimeSpan.FromSeconds(3) }, timeout.Token),
            SyntheticMedia.CreateAsync(_media.File("two.mkv"), new() { Width = 640, Height = 360, FrameRate = 30, Duration = TimeSpan.FromSeconds(3), Audio = SyntheticAudio.Mono }, timeout.Token));
    }

    [OneTimeTearDown]
    public void DeleteFolder() => _media.Dispose();

    [Test, CancelAfter(40_000)]
    public async Task Cancelling_a_stitch_leaves_nothing_at_the_output_path_and_no_temp_files(CancellationToken cancellationToken)
    {
        using var folder = new TempDirectory("cancel-stitch");
        var output = folder.File("out/final.mp4");
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = new RecordingProgress<StitchProgress>(p =>
        {
            if (p.Phase == StitchPhase.Conforming && p.Fraction > 0)
            {
                cancel.Cancel();
            }
        });

        var stitch = _stitcher.StitchAsync(Request(output, folder.Folder("work")), progress, cancel.Token);

        Assert.That(async () => await stitch, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(progress.Reports[^1].Phase, Is.EqualTo(StitchPhase.Conforming), "cancelled while ffmpeg was conforming");
        Assert.That(File.Exists(output), Is.False);
        Assert.That(folder.ListFiles(), Is.Empty, "no partial output and no intermediates are left");
    }

    [Test, CancelAfter(40_000)]
    public async Task The_output_path_only_ever_holds_a_complete_file(CancellationToken cancellationToken)
    {
        using var folder = new TempDirectory("atomic-stitch");
        var output = folder.File("final.mp4");
        await File.WriteAllTextAsync(output, "the previous version", cancellationToken);
        var seenDuringStitch = new List<string>();
        var progress = new RecordingProgress<StitchProgress>(_ => seenDuringStitch.Add(File.ReadAllText(output)));

        var result = await _stitcher.StitchAsync(Request(output, folder.Folder("work")), progress, cancellationToken);

        Assert.That(seenDuringStitch, Is.Not.Empty.And.All.EqualTo("the previous version"));
        Assert.That(result.OutputPath, Is.EqualTo(output));
        Assert.That(result.Output.Video!.Codec, Is.EqualTo("h264"));
        Assert.That(folder.ListFiles(), Is.EqualTo(new[] { "final.mp4" }), "temp files and the work sub-folder are gone");
    }

    [Test, CancelAfter(40_000)]
    public async Task Progress_goes_through_the_phases_in_order_each_ending_at_one(CancellationToken cancellationToken)
    {
        using var folder = new TempDirectory("progress-stitch");
        var progress = new RecordingProgress<StitchProgress>();
        var request = Request(folder.File("final.mp4"), folder.Folder("work")) with { Settings = new StitchSettings(320, 180, FitMode.Contain, 25, -16) };

        await _stitcher.StitchAsync(request, progress, cancellationToken);

        var reports = progress.Reports;
        var phases = reports.Select(r => r.Phase).Distinct().ToList();
        Assert.That(phases, Is.EqualTo(new[] { StitchPhase.Probing, StitchPhase.Conforming, StitchPhase.Joining, StitchPhase.MeasuringLoudness, StitchPhase.Encoding }));
        foreach (var phase in phases)
        {
            var fractions = reports.Where(r => r.Phase == phase).Select(r => r.Fraction).ToList();
            Assert.That(fractions, Is.Ordered, $"{phase} never goes back");
            Assert.That(fractions[^1], Is.EqualTo(1.0), $"{phase} ends at 1");
        }
    }

    private StitchRequest Request(string output, string work)
    {
        return new StitchRequest(_clips.Select(c => new StitchClip(c)).ToList(), [], new StitchSettings(320, 180, FitMode.Cover, 25), output, work);
    }
}