using System.Text.Json;
using System.Text.Json.Serialization;

using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Generation.Manual;
using Recreation.Media.Files;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;

namespace Recreation.Pipeline.Manual;

/// <summary>One imported clip, as recorded in the workspace's <c>imports.json</c>: where it came from and what was copied.</summary>
/// <param name="Source">The original file (for a file from a zip, <c>export.zip:dir/a.mp4</c>); never moved or changed.</param>
/// <param name="File">The copy in the workspace clip cache, relative to the workspace.</param>
public sealed record ImportRecord(string ClipId, string Source, string Sha256, long Bytes, string Rule, string File, DateTimeOffset ImportedAt);

/// <summary>
/// A manual run's state on disk: its workspace (the same one <c>recreate run</c> uses), which clips
/// are already in, and <c>imports.json</c>, the record of every import.
/// </summary>
public static class ManualRun
{
    public const string ImportsName = "imports.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The run options of a manual run (import always works on the manual backend's clips).</summary>
    public static RunOptions Options(string? outputPath, bool force = false) => new(ManualProvider.ProviderName, null, outputPath, force);

    public static string WorkspaceFor(CompiledScene scene, string? outputPath) => RunOrchestrator.WorkspaceFor(scene, Options(outputPath));

    /// <summary>
    /// The clips the workspace already holds a file for, read without taking the workspace lock or
    /// writing anything (for showing a mapping before acting). A run recomputes the exact keys.
    /// </summary>
    public static IReadOnlySet<string> PresentClips(CompiledScene scene, string workspace)
    {
        var ledgerPath = Path.Combine(workspace, "ledger.json");
        var present = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(ledgerPath))
        {
            return present;
        }

        var ledger = RunLedger.Open(ledgerPath);
        foreach (var clip in scene.Plan.Clips)
        {
            if (ledger.Find(clip.Id) is { State: ClipState.Downloaded or ClipState.Conformed, File: { } file } record
                && record.Seconds == clip.Seconds && File.Exists(Path.Combine(workspace, file)))
            {
                present.Add(clip.Id);
            }
        }

        return present;
    }

    public static IReadOnlyDictionary<string, ImportRecord> ReadImports(string workspace)
    {
        var path = Path.Combine(workspace, ImportsName);
        if (!File.Exists(path))
        {
            return new Dictionary<string, ImportRecord>(StringComparer.Ordinal);
        }

        try
        {
            var document = JsonSerializer.Deserialize<ImportsDocument>(File.ReadAllText(path), Json);
            return (document?.Imports ?? []).ToDictionary(i => i.ClipId, StringComparer.Ordinal);
        }
        catch (JsonException e)
        {
            throw new RecreationException($"{path} is damaged ({e.Message}); move it aside and import again.", ExitCodes.RunFailed, isFatal: true, e);
        }
    }

    internal static Task WriteImportsAsync(string workspace, IEnumerable<ImportRecord> imports, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(
            Path.Combine(workspace, ImportsName),
            JsonSerializer.Serialize(new ImportsDocument(1, imports.OrderBy(i => i.ClipId, StringComparer.Ordinal).ToList()), Json),
            cancellationToken);

    private sealed record ImportsDocument(int Version, List<ImportRecord> Imports);
}