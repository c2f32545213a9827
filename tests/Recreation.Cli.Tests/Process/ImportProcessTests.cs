using System.Diagnostics;
using System.Text;

using Recreation.Testing;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// The manual backend and <c>import</c> through the built <c>recreate</c>, as a user runs them:
/// exit codes, a redirected stdin that is never waited on, and a run finished by imports.
/// </summary>
[CancelAfter(180_000)]
public sealed class ImportProcessTests
{
    // Clips: a-1 (2 s), a-2 (1 s), b-1 (2 s, 1.5 s used).
    private const string Scene = """
        version: 1
        title: Hand made
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0 }] }]
        target: { backend: manual, model: tiny }
        output: { path: out/film.mp4, fps: 24, loudness: null }
        planning: { max_clip_seconds: 2 }
        scenes:
          - { id: a, duration: 3, description: The first scene. }
          - { id: b, duration: 1.5, description: The second scene. }
        """;

    private TempDirectory _temp = null!;

    private string Workspace => _temp.File("out/.recreation/hand-made");

    [SetUp]
    public void CreateFolder()
    {
        _temp = new TempDirectory();
        File.WriteAllText(_temp.File("scene.yaml"), Scene);
        _temp.Folder("dl");
    }

    [TearDown]
    public void DeleteFolder() => _temp.Dispose();

    private Task<string> ClipAsync(string name, double seconds, string folder = "dl") =>
        SyntheticMedia.CreateAsync(Path.Combine(_temp.Folder(folder), name), new SyntheticMediaOptions { Duration = TimeSpan.FromSeconds(seconds) });

    [Test]
    public async Task Run_on_the_manual_backend_exits_4_with_a_shot_list_until_an_import_completes_it()
    {
        var waiting = await RecreateAsync("run", "scene.yaml");
        Assert.That(waiting.ExitCode, Is.EqualTo(4), waiting.ToString());
        Assert.That(waiting.Stdout, Does.Contain("Waiting for 3 of 3 clip(s): a-1, a-2, b-1.").And.Contain("recreate import scene.yaml FOLDER"));
        Assert.That(File.ReadAllText(Path.Combine(Workspace, "shot-list.md")), Does.Contain("## a-1 (missing)"));
        Assert.That(waiting.Stderr, Is.Empty);

        await ClipAsync("Hand made - A_1.mp4", 2);
        await ClipAsync("a 2 (1).mp4", 1);
        var partial = await RecreateAsync("import", "scene.yaml", "dl", "--yes");
        Assert.That(partial.ExitCode, Is.EqualTo(4), partial.ToString());
        Assert.That(partial.Stdout, Does.Contain("Still missing after this import: b-1.").And.Contain("a-1 ← Hand made - A_1.mp4: imported"));

        var stillWaiting = await RecreateAsync("run", "scene.yaml");
        Assert.That(stillWaiting.ExitCode, Is.EqualTo(4));
        Assert.That(stillWaiting.Stdout, Does.Contain("Waiting for 1 of 3 clip(s): b-1."));

        await ClipAsync("b-1.mp4", 2);
        var done = await RecreateAsync("import", "scene.yaml", "dl/b-1.mp4", "--yes");
        Assert.That(done.ExitCode, Is.EqualTo(0), done.ToString());
        Assert.That(done.Stdout, Does.Contain("Done:").And.Contain("3 clip(s) imported"));
        Assert.That(File.Exists(_temp.File("out/film.mp4")));

        var rerun = await RecreateAsync("run", "scene.yaml");
        Assert.That(rerun.ExitCode, Is.EqualTo(0), rerun.ToString());
        Assert.That(rerun.Stdout, Does.Contain("3 clip(s) imported").And.Not.Contain("from cache"));
    }

    [Test]
    public async Task Without_yes_a_session_with_redirected_input_shows_the_mapping_and_imports_nothing()
    {
        await ClipAsync("a-1.mp4", 2);
        var result = await RecreateAsync("import", "scene.yaml", "dl");
        Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
        Assert.That(result.Stdout, Does.Contain("a-1").And.Contain("file name").And.Contain("Run again with --yes to import these 1 file(s)."));
        Assert.That(Directory.Exists(Workspace), Is.False, "nothing written");
    }

    [Test]
    public async Task A_file_too_short_for_its_clip_exits_2_naming_the_clip_and_imports_nothing()
    {
        await ClipAsync("a-1.mp4", 1);
        await ClipAsync("a-2.mp4", 1);
        var result = await RecreateAsync("import", "scene.yaml", "dl", "--yes");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("a-1 ('a-1.mp4') is too short: 1 s of video, but 2 s are needed").And.Contain("Nothing was imported"));
        Assert.That(result.Stderr, Does.Not.Contain("   at "));
        Assert.That(Directory.Exists(Workspace), Is.False);

        var missing = await RecreateAsync("import", "scene.yaml", "no-such-folder", "--yes");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Stderr, Does.Contain("no-such-folder: not found"));
    }

    [Test]
    public async Task Ambiguous_files_are_reported_and_in_order_places_them()
    {
        await ClipAsync("clip 10.mp4", 2);
        await ClipAsync("clip 2.mp4", 1);
        await ClipAsync("clip 1.mp4", 2);
        var ambiguous = await RecreateAsync("import", "scene.yaml", "dl", "--yes");
        Assert.That(ambiguous.ExitCode, Is.EqualTo(4), ambiguous.ToString());
        Assert.That(ambiguous.Stdout, Does.Contain("Not matched: clip 1.mp4: it is 2 s long and could be any of a-1, b-1 (2 s each)"));
        Assert.That(ambiguous.Stdout, Does.Contain("a-2 ← clip 2.mp4: imported"), "the one 1 s clip is not ambiguous");

        var ordered = await RecreateAsync("import", "scene.yaml", "dl", "--in-order", "--sort", "name", "--yes");
        Assert.That(ordered.ExitCode, Is.EqualTo(0), ordered.ToString());
        Assert.That(ordered.Stdout, Does.Contain("a-1 ← clip 1.mp4: imported").And.Contain("b-1 ← clip 10.mp4: imported"));
    }

    [Test]
    public async Task Import_watch_stitches_when_the_last_clip_lands()
    {
        await ClipAsync("a-1.mp4", 2);
        var later = new[] { await ClipAsync("a-2.mp4", 1, "made"), await ClipAsync("b-1.mp4", 2, "made") };
        using var child = LongRunning.Start(_temp.Path, "import", "scene.yaml", "dl", "--watch", "--settle", "0.2");
        await child.WaitForOutputAsync("Watching");
        Assert.That(child.Output, Does.Contain("a-1 ← a-1.mp4: imported"), "what is there is imported first, without asking");
        foreach (var file in later)
        {
            File.Copy(file, _temp.File($"dl/{Path.GetFileName(file)}"));
        }

        var code = await child.WaitForExitAsync();
        Assert.That(code, Is.EqualTo(0), child.Output);
        Assert.That(child.Output, Does.Contain("b-1.mp4 → b-1: imported.").And.Contain("Done:"));
        Assert.That(child.Output, Does.Not.Contain("a-1.mp4 → a-1"), "what the first import took is not imported again by the watch");
        Assert.That(File.Exists(_temp.File("out/film.mp4")));
    }

    [Test]
    public async Task Run_backend_manual_on_a_placeholder_scene_exits_4_then_0_once_import_brings_the_clips()
    {
        File.WriteAllText(_temp.File("scene.yaml"), Scene.Replace("backend: manual, ", ""));
        var waiting = await RecreateAsync("run", "scene.yaml", "--backend", "manual");
        Assert.That(waiting.ExitCode, Is.EqualTo(4), waiting.ToString());
        Assert.That(waiting.Stdout, Does.Contain("with manual").And.Contain("Waiting for 3 of 3 clip(s)"));

        await ClipAsync("a-1.mp4", 2);
        await ClipAsync("a-2.mp4", 1);
        await ClipAsync("b-1.mp4", 2);
        var imported = await RecreateAsync("import", "scene.yaml", "dl", "--yes");
        Assert.That(imported.ExitCode, Is.EqualTo(0), imported.ToString());

        var done = await RecreateAsync("run", "scene.yaml", "--backend", "manual");
        Assert.That(done.ExitCode, Is.EqualTo(0), done.ToString());
        Assert.That(done.Stdout, Does.Contain("3 clip(s) imported"));
    }

    [Test]
    public async Task Run_watch_from_a_folder_finishes_when_the_clips_land()
    {
        var made = new[] { await ClipAsync("A_1.mp4", 2, "made"), await ClipAsync("a-2.mp4", 1, "made"), await ClipAsync("b 1 (1).mp4", 2, "made") };
        using var child = LongRunning.Start(_temp.Path, "run", "scene.yaml", "--watch", "--from", "dl", "--settle", "0.2");
        await child.WaitForOutputAsync("Watching");
        foreach (var file in made)
        {
            File.Copy(file, _temp.File($"dl/{Path.GetFileName(file)}"));
        }

        var code = await child.WaitForExitAsync();
        Assert.That(code, Is.EqualTo(0), child.Output);
        Assert.That(child.Output, Does.Contain("b 1 (1).mp4 → b-1: imported.").And.Contain("Done:"));

        var wrongBackend = await RecreateAsync("run", "scene.yaml", "--watch", "--from", "dl", "--backend", "placeholder");
        Assert.That(wrongBackend.ExitCode, Is.EqualTo(2));
        Assert.That(wrongBackend.Stderr, Does.Contain("--watch waits for clips made by hand"));
    }

    [TestCase("y\n", 0)]
    [TestCase("n\n", 4)]
    [TestCase("", 4)]
    public async Task Someone_at_the_keyboard_is_asked_before_anything_is_imported(string answer, int expected)
    {
        await ClipAsync("a-1.mp4", 2);
        await ClipAsync("a-2.mp4", 1);
        await ClipAsync("b-1.mp4", 2);
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(output, error, interactive: false, input: new StringReader(answer));
        var code = await CliApp.RunAsync(["import", _temp.File("scene.yaml"), _temp.File("dl")], console);
        Assert.That(code, Is.EqualTo(expected), output + "\n" + error);
        Assert.That(output.ToString(), Does.Contain("Import these 3 file(s)? [y/N]"));
        Assert.That(File.Exists(_temp.File("out/film.mp4")), Is.EqualTo(expected == 0));
        Assert.That(Directory.Exists(Workspace), Is.EqualTo(expected == 0), "a no imports nothing and writes nothing");
    }

    [Test]
    public async Task Help_lists_import_and_exit_code_4()
    {
        var help = await RecreateAsync("--help");
        Assert.That(help.Stdout, Does.Contain("import").And.Contain("4 waiting for clips"));
        var import = await RecreateAsync("import", "--help");
        Assert.That(import.Stdout, Does.Contain("--in-order").And.Contain("--watch").And.Contain("--yes").And.Not.Contain("--settle"));
    }

    /// <summary>Runs recreate with stdin redirected and left open: a command that tried to read it would hang until the timeout.</summary>
    private Task<ProcessResult> RecreateAsync(params string[] args) => LongRunning.RunAsync(_temp.Path, args);

    /// <summary>A <c>recreate</c> child whose output is read as it comes, with stdin redirected and never written.</summary>
    private sealed class LongRunning : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();
        private readonly Lock _gate = new();

        private LongRunning(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Output
        {
            get
            {
                lock (_gate)
                {
                    return _output.ToString();
                }
            }
        }

        public static LongRunning Start(string folder, params string[] args)
        {
            var start = ChildProcess.StartInfo(folder, args, redirectInput: true);
            return new LongRunning(Process.Start(start)!);
        }

        public static async Task<ProcessResult> RunAsync(string folder, string[] args)
        {
            var start = ChildProcess.StartInfo(folder, args, redirectInput: true);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"recreate {string.Join(' ', args)} did not finish within 60 s (waiting for input?)");
            }

            return new ProcessResult(process.ExitCode, await stdout, await stderr);
        }

        public async Task WaitForOutputAsync(string text)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Output.Contains(text, StringComparison.Ordinal))
            {
                Assert.That(_process.HasExited, Is.False, Output);
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), Output);
                await Task.Delay(50);
            }
        }

        public async Task<int> WaitForExitAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await _process.WaitForExitAsync(timeout.Token);
            _process.WaitForExit(); // drains the asynchronous output readers
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_gate)
            {
                _output.AppendLine(line);
            }
        }
    }
}