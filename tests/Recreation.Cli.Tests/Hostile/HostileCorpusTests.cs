using System.Text;

using Recreation.Testing;

namespace Recreation.Cli.Tests.Hostile;

/// <summary>
/// The malicious-input corpus: every <c>Hostile/Cases/*.yaml</c> builds its hostile files in a fresh
/// folder, runs the built <c>recreate</c> there as a child process and checks the exit code, the
/// message, that no stack trace or "internal error" was printed, that nothing was written outside
/// the folders the case allows (temp files included: the child's TMPDIR and HOME are inside the
/// case folder), that a fake secret in the child's environment appears in no output and no file
/// written, and the child's peak memory. Format: <c>Hostile/README.md</c>.
/// </summary>
[TestFixture]
[CancelAfter(300_000)]
public sealed class HostileCorpusTests
{
    /// <summary>Environment variables given the fake secret: a hostile scene must not be able to exfiltrate any of them.</summary>
    public static readonly string[] SecretVariables = ["GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "RECREATION_HOSTILE_SECRET"];

    private static readonly string[] InternalErrorMarkers = ["   at ", "Unhandled", "internal error", "this is a bug", "Exception", "Stack overflow"];

    public static string CasesFolder => Path.Combine(RepoPaths.Root, "tests", "Recreation.Cli.Tests", "Hostile", "Cases");

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var file in Directory.EnumerateFiles(CasesFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var data = new TestCaseData(name).SetArgDisplayNames(name);
            var pending = HostileCase.Load(file).Pending;
            yield return pending is null || Environment.GetEnvironmentVariable("RECREATION_RUN_PENDING") == "1" ? data : data.Ignore($"pending: {pending}");
        }
    }

    [OneTimeTearDown]
    public void DeleteGeneratedZips()
    {
        if (Directory.Exists(HostileMakers.CacheFolder))
        {
            Directory.Delete(HostileMakers.CacheFolder, recursive: true);
        }
    }

    [Test]
    public void The_corpus_has_cases_and_every_case_file_reads()
    {
        var files = Directory.EnumerateFiles(CasesFolder, "*.yaml").ToList();
        Assert.That(files, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var file in files)
            {
                var hostile = HostileCase.Load(file);
                Assert.That(hostile.Make.Select(m => m.Split(' ')[0]).Distinct(), Is.SubsetOf(HostileMakers.Names), file);
            }
        });
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Hostile_input_is_refused_cleanly(string name)
    {
        var hostile = HostileCase.Load(Path.Combine(CasesFolder, name + ".yaml"));
        using var folder = new TempDirectory("recreation-hostile");
        var secret = "hostile-secret-" + Guid.NewGuid().ToString("N");
        var placeholders = new Dictionary<string, string>(StringComparer.Ordinal) { ["dir"] = folder.Path, ["secret"] = secret, ["newline"] = "\n" };
        IAsyncDisposable? server = null;
        try
        {
            if (hostile.Server is { } serverName)
            {
                var started = await HostileServers.StartAsync(serverName);
                server = started.Server;
                foreach (var (key, value) in started.Placeholders)
                {
                    placeholders[key] = value;
                }
            }

            await RunCaseAsync(hostile, folder, secret, placeholders);
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task RunCaseAsync(HostileCase hostile, TempDirectory folder, string secret, Dictionary<string, string> placeholders)
    {
        string Fill(string text) => placeholders.Aggregate(text, (t, p) => t.Replace("{" + p.Key + "}", p.Value, StringComparison.Ordinal));

        var temp = folder.Folder("tmp");
        var home = folder.Folder("home");
        foreach (var (path, content) in hostile.Files)
        {
            var target = folder.File(path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await File.WriteAllTextAsync(target, Fill(content));
        }

        foreach (var line in hostile.Make)
        {
            await HostileMakers.MakeAsync(folder.Path, Fill(line));
        }

        var environment = SecretVariables.ToDictionary(v => v, _ => secret);
        environment["TMPDIR"] = temp;
        environment["HOME"] = home;
        foreach (var (variable, value) in hostile.Env)
        {
            environment[variable] = Fill(value);
        }

        var before = HostileSnapshot.Take(folder.Path);
        var result = await HostileProcess.RunAsync(
            folder.Path,
            hostile.Run.Select(Fill).ToList(),
            environment,
            TimeSpan.FromSeconds(hostile.Timeout),
            hostile.InterruptAfter > 0 ? TimeSpan.FromSeconds(hostile.InterruptAfter) : null);
        var after = HostileSnapshot.Take(folder.Path);
        var changed = HostileSnapshot.Changed(before, after);
        var allowed = hostile.Writes.Select(w => w.TrimEnd('/')).ToList();
        bool Allowed(string path) => allowed.Any(a => path == a || path.StartsWith(a + "/", StringComparison.Ordinal));

        var context = $"recreate {string.Join(' ', hostile.Run.Select(Fill))}\n{hostile.About}\n{result}";
        Assert.Multiple(() =>
        {
            Assert.That(result.TimedOut, Is.False, $"hung: no exit within {hostile.Timeout} s\n{context}");
            Assert.That(result.ExitCode, Is.EqualTo(hostile.Exit), context);
            foreach (var expected in hostile.Output)
            {
                Assert.That(result.All, Does.Contain(Fill(expected)), context);
            }

            foreach (var unexpected in hostile.NotOutput)
            {
                Assert.That(result.All, Does.Not.Contain(Fill(unexpected)), context);
            }

            foreach (var marker in InternalErrorMarkers)
            {
                Assert.That(result.All, Does.Not.Contain(marker), $"a crash or stack trace was printed\n{context}");
            }

            Assert.That(changed.Where(c => !Allowed(c)), Is.Empty, $"written outside {(allowed.Count == 0 ? "nowhere allowed" : string.Join(", ", allowed))}\n{context}");
            Assert.That(result.All, Does.Not.Contain(secret), $"the secret leaked into the output\n{context}");
            foreach (var file in changed.Select(folder.File).Where(HostileSnapshot.IsPlainFile))
            {
                Assert.That(Contains(file, secret), Is.False, $"the secret leaked into {file}\n{context}");
            }

            Assert.That(result.PeakRssKb / 1024, Is.LessThan(hostile.MemoryMb), $"peak memory\n{context}");
        });
    }

    private static bool Contains(string file, string secret)
    {
        var needle = Encoding.UTF8.GetBytes(secret);
        using var stream = File.OpenRead(file);
        var buffer = new byte[(1 << 20) + needle.Length];
        var carried = 0;
        int read;
        while ((read = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
        {
            var filled = carried + read;
            if (buffer.AsSpan(0, filled).IndexOf(needle) >= 0)
            {
                return true;
            }

            carried = Math.Min(needle.Length - 1, filled);
            Array.Copy(buffer, filled - carried, buffer, 0, carried);
        }

        return false;
    }
}