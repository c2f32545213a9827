using Recreation.Media.Analysis;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// The camera class of a shot, from one still of real footage moved the way a camera moves:
/// held still, panned, tilted, zoomed in, and shaken by hand.
/// </summary>
[CancelAfter(120_000)]
public class CameraClassSpecs
{
    private static readonly FFmpegRunner Runner = new();

    [TestCase("static", "scale=480:270,crop=320:180:80:45", CameraMotion.Static)]
    [TestCase("pan", "scale=640:360,crop=320:180:x='min(300,t*100)':y=90", CameraMotion.Pan)]
    [TestCase("tilt", "scale=320:540,crop=320:180:x=0:y='min(340,t*100)'", CameraMotion.Tilt)]
    [TestCase("zoom", "scale=320:180,zoompan=z='1+0.01*in':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s=320x180:fps=25", CameraMotion.Zoom)]
    [TestCase("handheld", "scale=480:270,crop=320:180:x='80+12*sin(t*9)+7*sin(t*23)':y='45+9*sin(t*11+1)+5*sin(t*29)'", CameraMotion.Handheld)]
    public async Task A_still_moved_like_a_camera_is_classed_by_that_move(string name, string move, CameraMotion expected, CancellationToken cancellationToken)
    {
        var media = SharedMediaFolder.OrIgnore();
        using var temp = new TempDirectory("camera-" + name);
        var video = temp.File(name + ".mp4");
        await Runner.RunAsync(Processes.MediaCommand.FFmpeg(
            ["-y", "-v", "error", "-ss", "1", "-i", Path.Combine(media, "input_3sec.mp4"), "-frames:v", "1", "-update", "1", temp.File("still.png")], "a still"), cancellationToken);
        await Runner.RunAsync(Processes.MediaCommand.FFmpeg(
            ["-y", "-v", "error", "-loop", "1", "-framerate", "25", "-i", temp.File("still.png"), "-vf", move + ",format=yuv420p", "-t", "2.4", "-r", "25", "-c:v", "libx264", "-preset", "ultrafast", video], "a camera move"), cancellationToken);

        var analysis = await new VideoAnalyzer(Runner).AnalyzeAsync(video, cancellationToken: cancellationToken);

        Assert.That(analysis.Shots, Has.Count.EqualTo(1), "one shot, no boundary inside a camera move");
        Assert.That(analysis.Shots[0].Camera, Is.EqualTo(expected));
    }
}