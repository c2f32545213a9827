using Recreation.Media.Processes;
using Recreation.Testing;

namespace Recreation.Media.Tests;

public class RunnerSpecs
{
    private readonly FFmpegRunner _runner = new();
    private TempDirectory _temp = null!;

    [OneTimeSetUp]
    public void CreateFolder() => _temp = new TempDirectory("runner-specs");

    [OneTimeTearDown]
    public void DeleteFolder() => _temp.Dispose();

    [Test, CancelAfter(20_000)]
    public async Task A_successful_run_reports_progress_up_to_one(CancellationToken cancellationToken)
    {
        var progress = new RecordingProgress<double>();
        var output = _temp.File("progress.mp4");
        var arguments = new ArgumentsBuilder()
            .Add("-f", "lavfi").Add("-i", "testsrc2=s=320x180:r=25:d=2")
            .Add("-c:v", "libx264").Add("-preset", "ultrafast")
            .Output(output).Build();

        await _runner.RunAsync(MediaCommand.FFmpeg(arguments, "testing").WithProgress(progress, TimeSpan.FromSeconds(2)), cancellationToken);

        var reports = progress.Reports;
        Assert.That(reports, Is.Not.Empty);
        Assert.That(reports[^1], Is.EqualTo(1.0));
        Assert.That(reports, Is.Ordered);
        Assert.That(reports.Take(reports.Count - 1), Has.All.LessThan(1.0));
    }

    [Test, CancelAfter(20_000)]
    public void A_failed_run_names_the_command_line_the_exit_code_and_stderr(CancellationToken cancellationToken)
    {
        var missing = _temp.File("no such file.mp4");
        var arguments = new ArgumentsBuilder().Input(missing).Add("-f", "null").Add("-").Build();

        var error = Assert.ThrowsAsync<MediaToolException>(() => _runner.RunAsync(MediaCommand.FFmpeg(arguments, "reading a missing file"), cancellationToken));

        Assert.That(error!.ExitCode, Is.Not.Zero);
        Assert.That(error.CommandLine, Does.Contain($"'{missing}'"), "paths with spaces are quoted for display");
        Assert.That(error.Message, Does.Contain("while reading a missing file")
            .And.Contain("exit code")
            .And.Contain("No such file or directory")
            .And.Contain("What to do"));
        Assert.That(error.IsFatal, Is.False);
    }

    [Test, CancelAfter(20_000)]
    public async Task Arguments_with_quotes_and_spaces_reach_ffmpeg_unchanged(CancellationToken cancellationToken)
    {
        var output = _temp.File("it's a \"clip\" $HOME;.mp4");
        var arguments = new ArgumentsBuilder()
            .Add("-f", "lavfi").Add("-i", "color=c=red:s=64x64:d=0.2")
            .Output(output).Build();

        await _runner.RunAsync(MediaCommand.FFmpeg(arguments, "writing an oddly named file"), cancellationToken);

        Assert.That(File.Exists(output), Is.True);
    }

    [Test, CancelAfter(30_000)]
    public async Task A_cancelled_run_stops_quickly_deletes_its_output_and_throws(CancellationToken cancellationToken)
    {
        var output = _temp.File("cancelled.mp4");
        var arguments = new ArgumentsBuilder()
            .Add("-re").Add("-f", "lavfi").Add("-i", "testsrc2=s=320x180:r=25")
            .Add("-c:v", "libx264").Add("-preset", "ultrafast")
            .Output(output).Build();
        var started = new TaskCompletionSource();
        var progress = new RecordingProgress<double>(_ => started.TrySetResult());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var run = _runner.RunAsync(MediaCommand.FFmpeg(arguments, "writing forever").WithProgress(progress, TimeSpan.FromMinutes(10)) with { OutputPath = output }, cancel.Token);
        await started.Task.WaitAsync(cancellationToken);
        Assert.That(File.Exists(output), Is.True, "ffmpeg is writing when we cancel");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        await cancel.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "`q` stops ffmpeg without waiting for the kill");
        Assert.That(File.Exists(output), Is.False);
    }

    [Test, CancelAfter(30_000)]
    public void A_run_whose_timestamps_run_away_is_stopped(CancellationToken cancellationToken)
    {
        // One frame per second written at 100 fps without an fps filter: ffmpeg duplicates nearly every frame.
        var output = _temp.File("runaway.mp4");
        var arguments = new ArgumentsBuilder()
            .Add("-f", "lavfi").Add("-i", "color=c=red:s=32x32:r=1")
            .Add("-r", "100").Add("-c:v", "libx264").Add("-preset", "ultrafast")
            .Output(output).Build();

        var error = Assert.ThrowsAsync<MediaToolException>(() => _runner.RunAsync(MediaCommand.FFmpeg(arguments, "running away") with { OutputPath = output }, cancellationToken));

        Assert.That(error!.Message, Does.Contain("duplicated"));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public void A_missing_tool_says_how_to_install_it()
    {
        var runner = new FFmpegRunner(new MediaToolsOptions { FfmpegPath = _temp.File("nowhere/ffmpeg") });

        var error = Assert.Throws<MediaException>(() => _ = runner.Tools);

        Assert.That(error!.IsFatal, Is.True);
        Assert.That(error.Message, Does.Contain("FfmpegPath").And.Contain("no file exists"));
    }

    [Test]
    public void A_tool_missing_from_PATH_says_how_to_install_it()
    {
        var error = Assert.Throws<MediaException>(() => MediaToolPaths.Locate(new MediaToolsOptions(), searchPath: _temp.Path));

        Assert.That(error!.Message, Does.StartWith("ffmpeg was not found on PATH. Install it: `sudo apt-get install -y ffmpeg` (Debian/Ubuntu)"));
        Assert.That(error.Message, Does.Contain("set FfmpegPath"));
        Assert.That(error.IsFatal, Is.True);
    }
}