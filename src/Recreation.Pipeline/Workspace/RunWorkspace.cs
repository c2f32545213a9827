using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Media.Files;

namespace Recreation.Pipeline.Workspace;

/// <summary>
/// A run's folder beside its output, <c>.recreation/&lt;title-slug&gt;/</c> (DESIGN §6): plan.json,
/// ledger.json, clips/, conformed/, frames/, report, run.log. Opening it takes an exclusive lock
/// (released when disposed, or by the OS if the process dies) so two runs cannot interleave.
/// </summary>
public sealed class RunWorkspace : IDisposable
{
    private readonly FileStream _lock;

    private RunWorkspace(string root, FileStream lockStream)
    {
        Root = root;
        _lock = lockStream;
    }

    public string Root { get; }

    public string PlanPath => System.IO.Path.Combine(Root, "plan.json");

    public const string LedgerFileName = "ledger.json";

    public string LedgerPath => System.IO.Path.Combine(Root, LedgerFileName);

    public string LogPath => System.IO.Path.Combine(Root, "run.log");

    public string ReportPath => System.IO.Path.Combine(Root, "report.txt");

    public string HtmlReportPath => System.IO.Path.Combine(Root, "report.html");

    public string ClipsFolder => System.IO.Path.Combine(Root, "clips");

    public string ConformedFolder => System.IO.Path.Combine(Root, "conformed");

    public string FramesFolder => System.IO.Path.Combine(Root, "frames");

    /// <summary>The workspace folder for an output file and title, without creating it.</summary>
    public static string FolderFor(string outputPath, string title) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(outputPath))!, ".recreation", Slug.From(title));

    /// <exception cref="WorkspaceLockedException">Another run holds the workspace.</exception>
    public static RunWorkspace Open(string root)
    {
        AtomicFile.CreateFolder(root);
        foreach (var folder in new[] { "clips", "conformed", "frames" })
        {
            AtomicFile.CreateFolder(System.IO.Path.Combine(root, folder));
        }

        var lockPath = System.IO.Path.Combine(root, ".lock");
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new RunWorkspace(root, stream);
        }
        catch (Exception e) when (OutputNotWritableException.IsAboutThePlace(e))
        {
            throw OutputNotWritableException.For(lockPath, e);
        }
        catch (IOException e)
        {
            throw new WorkspaceLockedException(root, e);
        }
    }

    /// <summary>The absolute path of a workspace-relative path stored in the ledger.</summary>
    public string Resolve(string relative) => System.IO.Path.Combine(Root, relative);

    public string Relative(string absolute) => System.IO.Path.GetRelativePath(Root, absolute).Replace('\\', '/');

    public void Dispose() => _lock.Dispose();
}