using Recreation.Media.Analysis;
using Recreation.Media.Processes;
using Recreation.Testing;

namespace Recreation.Media.Tests;

public class SceneCutSpecs
{
    private readonly FFmpegRunner _runner = new();

    [Test, CancelAfter(30_000)]
    public async Task Hard_cuts_are_found_where_the_shot_changes(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("scene-cuts");
        var path = temp.File("three-shots.mp4");
        var shots = "color=c=red:s=320x180:r=25:d=1[a];color=c=blue:s=320x180:r=25:d=1.5[b];testsrc2=s=320x180:r=25:d=1[c];[a][b][c]concat=n=3[out0]";
        await _runner.RunAsync(MediaCommand.FFmpeg(new ArgumentsBuilder().Add("-f", "lavfi").Add("-i", shots).Add("-c:v", "libx264").Output(path).Build(), "making three shots"), cancellationToken);

        var cuts = await new SceneCutDetector(_runner).DetectAsync(path, cancellationToken: cancellationToken);

        Assert.That(cuts, Has.Count.EqualTo(2));
        Assert.That(cuts[0].TotalSeconds, Is.EqualTo(1).Within(0.041), "within a frame");
        Assert.That(cuts[1].TotalSeconds, Is.EqualTo(2.5).Within(0.041), "within a frame");
    }

    [Test]
    public void Hits_closer_than_half_a_second_count_once()
    {
        var kept = SceneCutDetector.KeepApart([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(3)]);

        Assert.That(kept, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.6), TimeSpan.FromSeconds(3) }));
    }
}