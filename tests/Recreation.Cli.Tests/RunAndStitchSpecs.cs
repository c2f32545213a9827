using System.Diagnostics;

using Recreation.Cli.Tests.ChildProcesses;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Testing;

namespace Recreation.Cli.Tests;

[CancelAfter(180_000)]
public class RunAndStitchSpecs
{
    private const string Scene = """
        version: 1
        title: Cli run
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0.1 }] }]
        target: { model: tiny }
        output: { path: out/film.mp4, fps: 24 }
        planning: { max_clip_seconds: 2 }
        characters: { mara: a barista }
        scenes:
          - { id: a, duration: 3, description: First., characters: [mara], dialogue: [{ mara: "Hello." }] }
          - { id: b, duration: 2, description: Second., transition: "fade-black:0.5" }
        """;

    [Test]
    public async Task Run_renders_the_video_and_a_rerun_comes_from_the_cache(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene, cancellationToken);

        var (code, output, error) = await CliRun.RunAsync("run", file);
        Assert.That(code, Is.EqualTo(0), error + output);
        Assert.That(output, Does.Contain("nothing is spent (placeholder)"));
        Assert.That(output, Does.Contain("3 clip(s) generated, 0 from cache"));
        var info = await new MediaProbe(new FFmpegRunner()).ProbeAsync(temp.File("out/film.mp4"), cancellationToken);
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(4.5).Within(1.0 / 24));
        Assert.That(File.Exists(temp.File("out/.recreation/cli-run/run.log")));
        Assert.That(await File.ReadAllTextAsync(temp.File("out/film.srt"), cancellationToken), Is.EqualTo("1\n00:00:00,000 --> 00:00:02,000\nHello.\n\n"), "captions sidecar, timed to clip a-1's share");

        var (again, rerun, _) = await CliRun.RunAsync("run", file);
        Assert.That(again, Is.EqualTo(0));
        Assert.That(rerun, Does.Contain("0 clip(s) generated, 3 from cache"));
    }

    [Test]
    public async Task An_invalid_scene_file_runs_nothing_and_writes_nothing(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene.Replace("duration: 3", "duration: -3"), cancellationToken);
        var (code, _, error) = await CliRun.RunAsync("run", file);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("scenes[0].duration: must be > 0"));
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { "scene.yaml" }), "no workspace, no output");
    }

    [Test]
    public async Task The_openai_backend_without_its_key_is_refused_before_anything_is_written(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene.Replace("target: { model: tiny }", "target: { model: tiny, api_key_env: RECREATION_SPEC_UNSET_KEY }"), cancellationToken);
        var (code, _, error) = await CliRun.RunAsync("run", file, "--backend", "openai", "--allow-key-env", "RECREATION_SPEC_UNSET_KEY");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("set the environment variable RECREATION_SPEC_UNSET_KEY").And.Contain("target.api_key_env"));
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { "scene.yaml" }));
    }

    [Test]
    public async Task Retake_usage_errors_exit_2_and_change_nothing(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene, cancellationToken);

        var (code, _, error) = await CliRun.RunAsync("retake", file, "a-1");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("exactly one of --prompt-note TEXT, --remix TEXT or --take N"));

        (code, _, error) = await CliRun.RunAsync("retake", file, "zz-9", "--take", "2");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("There is no clip 'zz-9'").And.Contain("a-1"));

        (code, _, error) = await CliRun.RunAsync("retake", file, "a-1", "--prompt-note", "Closer.");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("has not been run yet"));
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { "scene.yaml" }));
    }

    [Test]
    public async Task A_budget_below_the_estimate_is_refused_with_exit_3_before_anything_is_sent_or_written(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        Environment.SetEnvironmentVariable("RECREATION_SPEC_BUDGET_KEY", "sk-spec-budget");
        var yaml = Scene.Replace("usd_per_second: 0.1 }] }]", "usd_per_second: 0.1 }], backends: [openai] }]").Replace("target: { model: tiny }", "target: { model: tiny, backend: openai, api_key_env: RECREATION_SPEC_BUDGET_KEY, base_url: \"http://127.0.0.1:9/v1\" }");
        await File.WriteAllTextAsync(file, yaml, cancellationToken);
        var (code, output, error) = await CliRun.RunAsync("run", file, "--max-cost", "0.25", "--allow-base-url", "http://127.0.0.1:9", "--allow-key-env", "RECREATION_SPEC_BUDGET_KEY");
        Assert.That(code, Is.EqualTo(3), error);
        Assert.That(output, Does.Contain("estimated cost $0.50").And.Contain("budget $0.25").And.Contain("the price of tiny comes from this scene file's own profiles:"));
        Assert.That(error, Does.Contain("Refusing to start").And.Contain("Nothing was sent"));
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { "scene.yaml" }));
    }

    [Test]
    public async Task Stitch_joins_any_clips_and_rejects_a_damaged_one_by_name(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var a = await SyntheticMedia.CreateAsync(temp.File("a.mp4"), new SyntheticMediaOptions { Duration = TimeSpan.FromSeconds(1) }, cancellationToken);
        var b = await SyntheticMedia.CreateAsync(temp.File("b.mp4"), new SyntheticMediaOptions { Duration = TimeSpan.FromSeconds(1), Width = 640, Height = 360, Audio = SyntheticAudio.None }, cancellationToken);
        var (code, output, error) = await CliRun.RunAsync("stitch", a, b, "-o", temp.File("joined.mp4"), "--fps", "25", "--transition", "crossfade:0.5");
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("Done:").And.Contain("320x180 at 25 fps"));
        Assert.That(output, Does.Contain("stitch: measuring loudness\n").And.Not.Contain("measuringloudness"), "plain-mode progress names each phase in words");
        var info = await new MediaProbe(new FFmpegRunner()).ProbeAsync(temp.File("joined.mp4"), cancellationToken);
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(1.5).Within(0.04));

        var broken = await MediaFileDamage.TruncatedCopyAsync(a, temp.File("broken.mp4"), 0.3, cancellationToken);
        var (bad, _, badError) = await CliRun.RunAsync("stitch", a, broken, "-o", temp.File("never.mp4"));
        Assert.That(bad, Is.EqualTo(2));
        Assert.That(badError, Does.Contain("broken.mp4"));
        Assert.That(File.Exists(temp.File("never.mp4")), Is.False);
    }

    [Test]
    public async Task Stitch_fades_trims_heads_and_lays_music_from_its_flags(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var white = new SyntheticMediaOptions { Pattern = SyntheticPattern.SolidColor, Color = "white", Duration = TimeSpan.FromSeconds(2), Audio = SyntheticAudio.None };
        var a = await SyntheticMedia.CreateAsync(temp.File("a.mp4"), white with { BlackHead = TimeSpan.FromSeconds(0.4) }, cancellationToken);
        var b = await SyntheticMedia.CreateAsync(temp.File("b.mp4"), white, cancellationToken);
        var bed = await SyntheticMedia.CreateAsync(temp.File("bed.ogg"), new SyntheticMediaOptions { IncludeVideo = false, AudioCodec = "libvorbis" }, cancellationToken);

        var (code, output, error) = await CliRun.RunAsync("stitch", a, b, "-o", temp.File("out.mp4"), "--fade", "0,0.5", "--trim-head", "auto", "--music", bed, "--music-volume", "0.5");

        Assert.That(code, Is.EqualTo(0), error + output);
        var info = await new MediaProbe(new FFmpegRunner()).ProbeAsync(temp.File("out.mp4"), cancellationToken);
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(3.6).Within(0.05), "2 s less the 0.4 s black head, plus 2 s");
        var first = await MediaInspection.ReadFrameAsync(temp.File("out.mp4"), 32, 18, TimeSpan.Zero, cancellationToken);
        Assert.That(first.RowBrightness(9), Is.GreaterThan(200), "no fade in asked for, and the black head is gone");
        var last = await MediaInspection.ReadFrameAsync(temp.File("out.mp4"), 32, 18, info.VideoDuration - TimeSpan.FromSeconds(0.06), cancellationToken);
        Assert.That(last.RowBrightness(9), Is.LessThan(5), "faded out to black");
        Assert.That(await MediaInspection.MeanVolumeDbAsync(temp.File("out.mp4"), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), cancellationToken), Is.GreaterThan(-40), "the music under silent clips");
    }

    [TestCase("--fade", "slow", "--fade must be SECONDS or IN,OUT")]
    [TestCase("--trim-head", "sometimes", "--trim-head must be auto or seconds")]
    [TestCase("--music", "missing.ogg", "file not found")]
    [TestCase("--music-volume", "0.5", "--music-volume needs --music")]
    [TestCase("--music-volume", "2.5", "--music-volume must be between 0 and 2 (1 = as recorded)")]
    [TestCase("--loudness", "-4", "--loudness must be between -70 and -5 LUFS")]
    [TestCase("--transition", "cut:0.5", "a cut has no duration")] // a scene file refuses it too (FinishingRulesSpecs)
    [TestCase("--transition", "crossfade:6", "must be more than 0 and at most 5 seconds")]
    public async Task Stitch_refuses_bad_finishing_flags_with_exit_code_2(string flag, string value, string message)
    {
        using var temp = new TempDirectory();
        var a = await SyntheticMedia.CreateAsync(temp.File("a.mp4"), new SyntheticMediaOptions());

        var (code, _, error) = await CliRun.RunAsync("stitch", a, "-o", temp.File("out.mp4"), flag, value);

        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain(message));
        Assert.That(error, Does.Not.Contain("   at "));
        Assert.That(File.Exists(temp.File("out.mp4")), Is.False);
    }

    [Test]
    public async Task Check_decode_finds_damage_in_the_middle_of_a_clip(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var a = await SyntheticMedia.CreateAsync(temp.File("a.mp4"), new SyntheticMediaOptions { Duration = TimeSpan.FromSeconds(2) }, cancellationToken);
        var damaged = await MediaFileDamage.CorruptedCopyAsync(a, temp.File("damaged.mp4"), cancellationToken: cancellationToken);
        var (code, _, error) = await CliRun.RunAsync("stitch", a, damaged, "-o", temp.File("never.mp4"), "--check-decode");
        Assert.That(code, Is.EqualTo(2), error);
        Assert.That(error, Does.Contain("damaged.mp4"));
        Assert.That(File.Exists(temp.File("never.mp4")), Is.False);
    }

    [Test]
    public async Task Ctrl_c_exits_130_and_the_next_run_resumes(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        // 20 clips generated one at a time: the run still has seconds to go when the first clip lands,
        // so the signal always arrives mid-run (with 4 clips it sometimes finished first).
        var longer = Scene.Replace("duration: 3, description: First.", "duration: 40, description: First.");
        Assert.That(longer, Is.Not.EqualTo(Scene));
        await File.WriteAllTextAsync(file, longer, cancellationToken);
        var ledger = temp.File("out/.recreation/cli-run/ledger.json");

        using var process = StartCli("run", file, "--concurrency", "1");
        // The first clip landed: downloaded, or already conformed (a clip is conformed right after
        // it lands, so waiting for "Downloaded" alone could miss every clip's moment and signal too late).
        while (!cancellationToken.IsCancellationRequested && !(File.Exists(ledger) && await HasLandedClipAsync(ledger)))
        {
            Assert.That(process.HasExited, Is.False, "the run ended before it could be interrupted");
            await Task.Delay(50, cancellationToken);
        }

        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await process.WaitForExitAsync(cancellationToken);
        var stderr = await process.StandardError.ReadToEndAsync(cancellationToken);
        Assert.That(process.ExitCode, Is.EqualTo(130), stderr);
        Assert.That(stderr, Does.Contain("run the same command again to resume").IgnoreCase);
        Assert.That(stderr, Does.Not.Contain("   at "));
        Assert.That(File.Exists(temp.File("out/film.mp4")), Is.False);

        var (code, output, error) = await CliRun.RunAsync("run", file);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(output, Does.Match(@"[1-9] from cache"));
    }

    private static async Task<bool> HasLandedClipAsync(string ledger)
    {
        var text = await ReadShared(ledger);
        return text.Contains("\"Downloaded\"", StringComparison.Ordinal) || text.Contains("\"Conformed\"", StringComparison.Ordinal);
    }

    private static async Task<string> ReadShared(string path)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static Process StartCli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "recreate.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Ctrl+C must reach it even when this test run was started with SIGINT ignored.
        var process = Process.Start(ChildProcess.WithDefaultInterrupt(start))!;
        _ = process.StandardOutput.ReadToEndAsync();
        return process;
    }
}