using System.Globalization;
using System.Text;

using Recreation.Core;
using Recreation.Core.Planning;
using Recreation.Generation;
using Recreation.Media.Files;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Manual;

/// <summary>One clip of a shot list: what to generate, what to upload, and whether it is in yet.</summary>
/// <param name="ReferenceImage">The image to upload as the first frame, already conformed to the generation size (from the run's frames folder); null when there is none or it is not known yet.</param>
/// <param name="ReferenceNote">Says what the image will be when it is not known yet (a chained clip whose predecessor is missing).</param>
public sealed record ShotListEntry(ClipPlan Clip, bool Imported, string? ReferenceImage, string? ReferenceNote);

/// <summary>
/// The manual backend's instructions to a person: every clip's id, length, size, the image to
/// upload and the full prompt, as Markdown (to read) and CSV (to sort, tick off or feed a
/// script), written into the run's workspace as <c>shot-list.md</c> and <c>shot-list.csv</c>.
/// Reference images are the frames the run itself extracted and conformed, so what a person
/// uploads is exactly what a paid backend would have been sent.
/// </summary>
public static class ShotList
{
    public const string MarkdownName = "shot-list.md";
    public const string CsvName = "shot-list.csv";

    internal static IReadOnlyList<ShotListEntry> Entries(CompiledScene scene, RunLedger ledger, IReadOnlyDictionary<string, ClipRequest> requests) =>
        scene.Plan.Clips.Select(clip =>
        {
            var imported = ledger.Find(clip.Id) is { State: ClipState.Downloaded or ClipState.Conformed };
            var image = requests.TryGetValue(clip.Id, out var request) ? request.InputImagePath : null;
            var note = image is null && clip.InputFromClip is { } previous
                ? $"the last frame of {previous} (import {previous}, then run again to extract it)"
                : null;
            return new ShotListEntry(clip, imported, image, note);
        }).ToList();

    /// <summary>Writes both files (atomically) and returns the Markdown file's path.</summary>
    public static async Task<string> WriteAsync(RunWorkspace workspace, CompiledScene scene, IReadOnlyList<ShotListEntry> entries, CancellationToken cancellationToken = default)
    {
        var markdown = Path.Combine(workspace.Root, MarkdownName);
        await AtomicFile.WriteAllTextAsync(markdown, Markdown(scene, entries), cancellationToken);
        await AtomicFile.WriteAllTextAsync(Path.Combine(workspace.Root, CsvName), Csv(scene, entries), cancellationToken);
        return markdown;
    }

    public static string Markdown(CompiledScene scene, IReadOnlyList<ShotListEntry> entries)
    {
        var c = CultureInfo.InvariantCulture;
        var plan = scene.Plan;
        var missing = entries.Where(e => !e.Imported).Select(e => e.Clip.Id).ToList();
        var md = new StringBuilder();
        md.Append("# Shot list: ").Append(plan.Title).Append("\n\n");
        md.Append(c, $"Generate each clip below by hand (model profile `{plan.Model}`), at the length and size given, ");
        md.Append("uploading the reference image as the first frame when one is listed. Save each download under its clip id ");
        md.Append(c, $"(`{entries[0].Clip.Id}.mp4`; `{Variant(entries[0].Clip.Id)}.mp4` or a browser's `(1)` suffix work too), then run:\n\n");
        md.Append("```sh\nrecreate import ").Append(Quote(scene.File.SourcePath)).Append(" ~/Downloads\n```\n\n");
        md.Append(c, $"{entries.Count} clips at {plan.Size}, {plan.TotalGeneratedSeconds} s in all; ");
        md.Append(missing.Count == 0 ? "every clip is imported.\n\n" : $"{entries.Count - missing.Count} imported, {missing.Count} missing: {string.Join(", ", missing)}.\n\n");
        md.Append("| clip | status | generate | used in the video | reference image |\n|---|---|---|---|---|\n");
        foreach (var e in entries)
        {
            md.Append(c, $"| {e.Clip.Id} | {Status(e)} | {e.Clip.Seconds} s at {plan.Size} | {Time(e.Clip.StartMs)}–{Time(e.Clip.StartMs + e.Clip.ShareMs)} | {Reference(e) ?? "—"} |\n");
        }

        foreach (var e in entries)
        {
            md.Append(c, $"\n## {e.Clip.Id} ({Status(e)})\n\n");
            md.Append(c, $"- Scene `{e.Clip.SceneId}`, shot {e.Clip.Shot} of {e.Clip.Shots}\n");
            md.Append(c, $"- Generate: {e.Clip.Seconds} s at {plan.Size}\n");
            md.Append(c, $"- Used in the video: {Time(e.Clip.StartMs)} to {Time(e.Clip.StartMs + e.Clip.ShareMs)} ({e.Clip.Share.ToString("0.###", c)} s; a shorter file is refused)\n");
            if (Reference(e) is { } reference)
            {
                md.Append("- Upload as the first frame: ").Append(reference).Append('\n');
            }

            md.Append("\n```text\n").Append(e.Clip.Prompt).Append("\n```\n");
        }

        return md.ToString();
    }

    /// <summary>One row per clip: <c>clip_id,status,seconds,size,share_seconds,reference_image,prompt</c> (RFC 4180 quoting).</summary>
    public static string Csv(CompiledScene scene, IReadOnlyList<ShotListEntry> entries)
    {
        var c = CultureInfo.InvariantCulture;
        var csv = new StringBuilder("clip_id,status,seconds,size,share_seconds,reference_image,prompt\n");
        foreach (var e in entries)
        {
            var fields = new[]
            {
                e.Clip.Id, Status(e), e.Clip.Seconds.ToString(c), scene.Plan.Size.ToString(), e.Clip.Share.ToString("0.###", c),
                e.ReferenceImage ?? e.ReferenceNote ?? "", e.Clip.Prompt,
            };
            csv.Append(string.Join(',', fields.Select(CsvField))).Append('\n');
        }

        return csv.ToString();
    }

    internal static string CsvField(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Status(ShotListEntry e) => e.Imported ? "imported" : "missing";

    private static string? Reference(ShotListEntry e) => e.ReferenceImage is { } image ? $"`{image}`" : e.ReferenceNote;

    private static string Variant(string clipId)
    {
        var dash = clipId.LastIndexOf('-');
        return dash <= 0 ? clipId : char.ToUpperInvariant(clipId[0]) + clipId[1..dash] + "_" + clipId[(dash + 1)..];
    }

    private static string Quote(string path) => path.Contains(' ', StringComparison.Ordinal) ? $"\"{path}\"" : path;

    private static string Time(long ms) =>
        TimeSpan.FromMilliseconds(ms).ToString(ms >= 3_600_000 ? @"h\:mm\:ss\.fff" : @"m\:ss\.fff", CultureInfo.InvariantCulture);
}