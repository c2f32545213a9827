using Recreation.Media.Analysis;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// The analyzer probes and decodes at the same time: whatever the decode does meanwhile, a file
/// it cannot analyse is reported by the probe's message, and a cancelled analysis stops at once.
/// </summary>
[CancelAfter(60_000)]
public class VideoAnalyzerSpecs
{
    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task A_file_with_only_sound_is_refused_for_having_no_video(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("analyze-sound");
        var sound = temp.File("sound.m4a");
        await FFmpegAsync(["-f", "lavfi", "-i", "sine=f=440:r=48000:d=1", "-c:a", "aac", sound], cancellationToken);

        var error = Assert.ThrowsAsync<MediaException>(() => new VideoAnalyzer(Runner).AnalyzeAsync(sound, cancellationToken: cancellationToken));

        Assert.That(error!.Message, Does.Contain("has no video stream to find shots in"));
        Assert.That(error.FilePath, Is.EqualTo(sound));
    }

    [Test]
    public async Task A_file_that_is_not_media_is_refused_by_the_probe_s_message(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("analyze-text");
        var text = temp.File("notes.mp4");
        await File.WriteAllTextAsync(text, "not a video, just words\n", cancellationToken);

        var error = Assert.ThrowsAsync<MediaException>(() => new VideoAnalyzer(Runner).AnalyzeAsync(text, cancellationToken: cancellationToken));

        Assert.That(error!.Message, Does.Contain("is not a media file ffprobe can read"));
    }

    [Test]
    public async Task Every_frame_is_read_whatever_the_pipe_hands_over_at_once(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("analyze-frames");
        var video = temp.File("two.mp4");
        await FFmpegAsync(["-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", "-f", "lavfi", "-i", "color=c=blue:s=320x180:r=25:d=1.2",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1,format=yuv420p[v]", "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", video], cancellationToken);

        var analysis = await new VideoAnalyzer(Runner).AnalyzeAsync(video, cancellationToken: cancellationToken);

        Assert.That(analysis.FrameCount, Is.EqualTo(80));
        Assert.That(analysis.Shots.Select(s => s.FirstFrame), Is.EqualTo(new[] { 0, 50 }));
    }

    [Test]
    public async Task A_cancelled_analysis_stops_while_decoding(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("analyze-cancel");
        var video = temp.File("long.mp4");
        await FFmpegAsync(["-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=40", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", video], cancellationToken);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = new SynchronousProgress(value =>
        {
            if (value > 0)
            {
                cancel.Cancel();
            }
        });
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.CatchAsync<OperationCanceledException>(() => new VideoAnalyzer(Runner).AnalyzeAsync(video, progress, cancel.Token));

        Assert.That(progress.Reports, Is.GreaterThan(0));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "the decode of a 40 s video stopped with the cancellation");
    }

    [Test]
    public async Task An_ffmpeg_without_zimg_analyses_the_same_cut_with_the_area_average(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("The stand-in ffmpeg is a shell script.");
            return;
        }

        using var temp = new TempDirectory("analyze-no-zimg");
        var video = temp.File("two.mp4");
        await FFmpegAsync(["-f", "lavfi", "-i", "testsrc2=s=320x180:r=25:d=2", "-f", "lavfi", "-i", "color=c=blue:s=320x180:r=25:d=1.2",
            "-filter_complex", "[0:v][1:v]concat=n=2:v=1,format=yuv420p[v]", "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", video], cancellationToken);
        // An ffmpeg that has no zscale filter, as some builds do, and logs each command line it was given.
        var log = temp.File("calls.log");
        var ffmpeg = temp.File("ffmpeg");
        await File.WriteAllTextAsync(ffmpeg, $$"""
            #!/bin/sh
            echo "$*" >> '{{log}}'
            case "$*" in *zscale*) echo "[AVFilterGraph @ 0x0] No such filter: 'zscale'" >&2; exit 8;; esac
            exec '{{Runner.Tools.Ffmpeg}}' "$@"
            """, cancellationToken);
        File.SetUnixFileMode(ffmpeg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var runner = new FFmpegRunner(new MediaToolsOptions { FfmpegPath = ffmpeg, FfprobePath = Runner.Tools.Ffprobe });

        var analysis = await new VideoAnalyzer(runner).AnalyzeAsync(video, cancellationToken: cancellationToken);

        Assert.That(analysis.FrameCount, Is.EqualTo(80));
        Assert.That(analysis.Shots.Select(s => s.FirstFrame), Is.EqualTo(new[] { 0, 50 }));
        var calls = await File.ReadAllLinesAsync(log, cancellationToken);
        Assert.That(calls, Has.Length.EqualTo(2), "zscale tried once, then the area average");
        Assert.That(calls[1], Does.Contain("flags=area").And.Not.Contain("zscale"));
    }

    private static Task FFmpegAsync(string[] arguments, CancellationToken cancellationToken) =>
        Runner.RunAsync(Processes.MediaCommand.FFmpeg(["-y", "-v", "error", .. arguments], "making a test file"), cancellationToken);

    private sealed class SynchronousProgress(Action<double> onReport) : IProgress<double>
    {
        public int Reports { get; private set; }

        public void Report(double value)
        {
            Reports++;
            onReport(value);
        }
    }
}