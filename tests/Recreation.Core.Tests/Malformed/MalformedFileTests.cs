using System.Diagnostics;

using Recreation.Core.Diagnostics;

namespace Recreation.Core.Tests.Malformed;

/// <summary>
/// Every file under Malformed/ is compiled and must fail with exactly the errors its
/// <c># expect:</c> lines name: same line, column and path, a message holding the fragment, and
/// no other error. Files marked <c># loader-bug:</c> are ignored; set RECREATION_RUN_LOADER_BUGS=1
/// to run them too (they pass once the loader is fixed, and then the marker goes).
/// </summary>
[TestFixture]
public sealed class MalformedFileTests
{
    // A case that hangs must fail, not stall the run.
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromSeconds(30);

    private static bool RunLoaderBugs => Environment.GetEnvironmentVariable("RECREATION_RUN_LOADER_BUGS") == "1";

    public static IEnumerable<TestCaseData> Files() =>
        CorpusFile.All().Select(file =>
        {
            var data = new TestCaseData(file).SetArgDisplayNames(file.Name);
            return file.LoaderBug is null || RunLoaderBugs ? data : data.Ignore($"loader bug: {file.LoaderBug}");
        });

    [Test]
    public void The_corpus_holds_at_least_35_files_each_expecting_an_error()
    {
        var files = CorpusFile.All();

        Assert.That(files, Has.Count.GreaterThanOrEqualTo(35));
        Assert.That(files.Where(f => f.Expected.Count == 0).Select(f => f.Name), Is.Empty, "files without a '# expect: LINE:COLUMN: PATH: MESSAGE' line");
    }

    [TestCaseSource(nameof(Files))]
    public void Every_expected_error_is_reported_at_its_line_and_column_and_no_other(CorpusFile file)
    {
        var errors = CompileErrors(file.FullPath);

        var listing = "reported:\n" + string.Join("\n", errors);
        Assert.Multiple(() =>
        {
            foreach (var expected in file.Expected)
            {
                Assert.That(errors.Any(d => Matches(d, expected)), Is.True, $"expected {expected}\n{listing}");
            }

            foreach (var error in errors)
            {
                Assert.That(file.Expected.Any(e => Matches(error, e)), Is.True, $"unexpected error {error}\n{listing}");
                Assert.That(error.File, Is.EqualTo(file.FullPath), "diagnostics name the file as it was given");
            }
        });
    }

    [TestCaseSource(nameof(Files))]
    public void The_exception_message_prints_each_error_as_file_line_column_path_message(CorpusFile file)
    {
        var exception = CompileFailure(file.FullPath);

        foreach (var expected in file.Expected)
        {
            var prefix = expected.Path.Length == 0
                ? $"{file.FullPath}:{expected.Line}:{expected.Column}: "
                : $"{file.FullPath}:{expected.Line}:{expected.Column}: {expected.Path}: ";
            Assert.That(exception.Message, Does.Contain(prefix));
        }
    }

    private static bool Matches(Diagnostic diagnostic, ExpectedDiagnostic expected) =>
        diagnostic.Line == expected.Line
        && diagnostic.Column == expected.Column
        && diagnostic.Path == expected.Path
        && diagnostic.Message.Contains(expected.Fragment, StringComparison.Ordinal);

    private static List<Diagnostic> CompileErrors(string path) =>
        CompileFailure(path).Diagnostics.Where(d => d.Severity == Severity.Error).ToList();

    private static InvalidInputException CompileFailure(string path)
    {
        var compile = Task.Run(() => SceneCompiler.Compile(path));
        try
        {
            if (!compile.Wait(CompileTimeout))
            {
                Assert.Fail($"compiling {Path.GetFileName(path)} did not finish within {CompileTimeout.TotalSeconds} s");
            }
        }
        catch (AggregateException e) when (e.InnerException is InvalidInputException invalid)
        {
            return invalid;
        }

        Assert.Fail($"{Path.GetFileName(path)} compiled without errors");
        throw new UnreachableException();
    }
}