namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// The built <c>recreate</c>, started as a child process on invalid scene files: exit code 2, every
/// error as <c>file:line:column: path: message</c> on stderr, never a stack trace, and nothing
/// written next to the file (DESIGN §3: a file that fails validation changes nothing on disk).
/// </summary>
[TestFixture]
public sealed class InvalidSceneProcessTests
{
    private static readonly string[] Validated =
    [
        "bad-fit.yaml",
        "version-2.yaml",
        "syntax-duplicate-key.yaml",
        "syntax-empty-file.yaml",
        "reference-image-outside-the-folder.yaml",
        "transition-longer-than-the-clip-it-overlaps.yaml",
        "prompt-over-the-profile-limit.yaml",
        "several-errors-reported-together.yaml",
    ];

    // Files that crash the loader today; their cases are ignored until it is fixed.
    private static readonly string[] Crashing =
    [
        "syntax-unclosed-bracket-before-more-keys.yaml",
        "syntax-unquoted-hash-colour-in-a-flow-list.yaml",
        "max-clip-seconds-rounds-to-zero.yaml",
    ];

    private string _folder = null!;

    public static IEnumerable<TestCaseData> ValidatedFiles() =>
        Validated.Select(f => new TestCaseData(f).SetArgDisplayNames(f));

    public static IEnumerable<TestCaseData> CrashingFiles() =>
        Crashing.Select(f =>
        {
            var data = new TestCaseData(f).SetArgDisplayNames(f);
            var bug = MalformedCorpusCopy.LoaderBug(f);
            return bug is null || Environment.GetEnvironmentVariable("RECREATION_RUN_LOADER_BUGS") == "1" ? data : data.Ignore($"loader bug: {bug}");
        });

    [SetUp]
    public void CreateSceneFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "recreation-process-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_folder, "refs"));
        File.WriteAllBytes(Path.Combine(_folder, "refs", "door.png"), [0x89, 0x50, 0x4E, 0x47]);
    }

    [TearDown]
    public void DeleteSceneFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void The_process_tests_use_corpus_files_the_loader_handles_today()
    {
        Assert.That(Validated.Where(f => MalformedCorpusCopy.LoaderBug(f) is not null), Is.Empty);
        Assert.That(Validated, Has.Length.GreaterThanOrEqualTo(5));
    }

    [TestCaseSource(nameof(ValidatedFiles))]
    public async Task Validate_on_an_invalid_file_exits_2_with_positioned_errors_and_writes_nothing(string fileName)
    {
        var file = MalformedCorpusCopy.CopyTo(fileName, _folder);
        var before = FolderSnapshot.Take(_folder);

        var result = await ChildProcess.RunRecreateAsync(_folder, "validate", file);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            foreach (var prefix in MalformedCorpusCopy.ExpectedPrefixes(fileName))
            {
                Assert.That(result.Stderr, Does.Contain(prefix), result.ToString());
            }

            AssertNoStackTrace(result);
            Assert.That(FolderSnapshot.Take(_folder), Is.EqualTo(before), "the scene file's folder changed");
        });
    }

    [TestCaseSource(nameof(CrashingFiles))]
    public async Task Validate_on_a_file_that_trips_the_parser_still_exits_2_without_a_stack_trace(string fileName)
    {
        var file = MalformedCorpusCopy.CopyTo(fileName, _folder);

        var result = await ChildProcess.RunRecreateAsync(_folder, "validate", file);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Stderr, Does.Contain($"{file}:"), result.ToString());
            AssertNoStackTrace(result);
        });
    }

    [Test]
    public async Task Plan_with_prompts_on_an_invalid_file_does_not_create_the_prompts_file()
    {
        var file = MalformedCorpusCopy.CopyTo("bad-fit.yaml", _folder);
        var before = FolderSnapshot.Take(_folder);

        var beside = await ChildProcess.RunRecreateAsync(_folder, "plan", file, "--prompts", "OUT.md");
        var nested = await ChildProcess.RunRecreateAsync(_folder, "plan", file, "--prompts", Path.Combine("prompts", "OUT.md"));

        Assert.Multiple(() =>
        {
            Assert.That(beside.ExitCode, Is.EqualTo(2), beside.ToString());
            Assert.That(nested.ExitCode, Is.EqualTo(2), nested.ToString());
            Assert.That(beside.Stderr, Does.Contain($"{file}:4:8: output.fit: "), beside.ToString());
            AssertNoStackTrace(beside);
            AssertNoStackTrace(nested);
            Assert.That(Path.Combine(_folder, "OUT.md"), Does.Not.Exist);
            Assert.That(Path.Combine(_folder, "prompts"), Does.Not.Exist);
            Assert.That(FolderSnapshot.Take(_folder), Is.EqualTo(before), "the scene file's folder changed");
        });
    }

    [Test]
    public async Task Run_on_an_invalid_file_exits_2_before_creating_a_workspace_or_output()
    {
        var file = MalformedCorpusCopy.CopyTo("several-errors-reported-together.yaml", _folder);
        var before = FolderSnapshot.Take(_folder);

        var result = await ChildProcess.RunRecreateAsync(_folder, "run", file);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            foreach (var prefix in MalformedCorpusCopy.ExpectedPrefixes("several-errors-reported-together.yaml"))
            {
                Assert.That(result.Stderr, Does.Contain(prefix), result.ToString());
            }

            AssertNoStackTrace(result);
            Assert.That(FolderSnapshot.Take(_folder), Is.EqualTo(before), "the scene file's folder changed");
        });
    }

    private static void AssertNoStackTrace(ProcessResult result)
    {
        Assert.That(result.All, Does.Not.Contain("   at "), result.ToString());
        Assert.That(result.All, Does.Not.Contain("Exception"), result.ToString());
        Assert.That(result.All, Does.Not.Contain("Unhandled"), result.ToString());
    }
}