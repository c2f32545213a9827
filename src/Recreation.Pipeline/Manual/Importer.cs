using System.Globalization;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Core;
using Recreation.Core.Diagnostics;
using Recreation.Core.Model;
using Recreation.Core.Planning;
using Recreation.Generation.Manual;
using Recreation.Media;
using Recreation.Media.Files;
using Recreation.Media.Probing;
using Recreation.Media.Validation;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Running;
using Recreation.Pipeline.Workspace;

namespace Recreation.Pipeline.Manual;

/// <summary>What <c>import</c> may change from its defaults.</summary>
/// <param name="OutputPath">The output path (as <c>run -o</c>); it decides the workspace.</param>
public sealed record ImportOptions(string? OutputPath = null, bool InOrder = false, FileOrder Order = FileOrder.Name);

/// <summary>One file matched to one clip, with what validating it found.</summary>
/// <param name="Problems">Why the file cannot be used (too short for the clip's share, damaged…), each naming the clip.</param>
/// <param name="AlreadyImported">The workspace already holds this exact file (same SHA-256) for the clip.</param>
/// <param name="Replaces">The clip already has a different file, which this one replaces.</param>
public sealed record ImportItem(ClipPlan Clip, CandidateFile File, MatchRule Rule, string Sha256, long Bytes, IReadOnlyList<string> Problems, bool AlreadyImported, bool Replaces)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>The mapping <c>import</c> shows before acting. Owns the temp folder of extracted zips: dispose it after <see cref="Importer.ApplyAsync"/>.</summary>
public sealed class ImportPlan(CompiledScene scene, ImportOptions options, string workspace, IReadOnlyList<ImportItem> items, IReadOnlyList<UnmatchedFile> unmatched, IReadOnlySet<string> presentBefore, ImportSources sources) : IDisposable
{
    public CompiledScene Scene { get; } = scene;

    public ImportOptions Options { get; } = options;

    public string Workspace { get; } = workspace;

    public IReadOnlyList<ImportItem> Items { get; } = items;

    public IReadOnlyList<UnmatchedFile> Unmatched { get; } = unmatched;

    public IReadOnlySet<string> PresentBefore { get; } = presentBefore;

    public bool HasErrors => Items.Any(i => !i.IsValid);

    /// <summary>What will be copied: valid files the workspace does not already hold.</summary>
    public IEnumerable<ImportItem> ToCopy => Items.Where(i => i.IsValid && !i.AlreadyImported);

    /// <summary>The clips that still have no file once this plan is applied.</summary>
    public IReadOnlyList<string> MissingAfter =>
        Scene.Plan.Clips.Select(c => c.Id).Where(id => !PresentBefore.Contains(id) && !Items.Any(i => i.IsValid && i.Clip.Id == id)).ToList();

    /// <summary>The same plan with only the files to copy (watch mode imports what it can, reports the rest, and is quiet about what it already holds).</summary>
    public ImportPlan OnlyToCopy() => new(Scene, Options, Workspace, ToCopy.ToList(), Unmatched, PresentBefore, sources);

    public void Dispose() => sources.Dispose();
}

/// <summary>How one clip's import went.</summary>
public sealed record ImportOutcome(string ClipId, string Source, bool Copied, string? SkippedReason);

/// <summary>
/// Takes clip files a person generated back into a manual run. <see cref="PlanAsync"/> matches
/// files to clips (<see cref="ClipFileMatcher"/>) and validates each (probe, full decode, duration
/// against the clip's share in the video) without changing anything on disk;
/// <see cref="ApplyAsync"/> copies the accepted files into the workspace clip cache
/// (<c>clips/&lt;cacheKey&gt;.mp4</c>, the name the run looks for) and records
/// <c>imports.json</c>. The user's files are only ever read: never moved, renamed or touched.
/// </summary>
public sealed class Importer
{
    private readonly FFmpegRunner _runner;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public Importer(FFmpegRunner runner, ILogger? logger = null, TimeProvider? time = null)
    {
        _runner = runner;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <exception cref="InvalidInputException">A path does not exist or a manifest is wrong (nothing is changed).</exception>
    public async Task<ImportPlan> PlanAsync(CompiledScene scene, IReadOnlyList<string> paths, ImportOptions options, CancellationToken cancellationToken = default)
    {
        var sources = ImportSources.Collect(paths, cancellationToken);
        try
        {
            if (sources.Missing.Count > 0 || sources.Refused.Count > 0)
            {
                throw new InvalidInputException([.. sources.Missing.Select(m => new Diagnostic(Severity.Error, m, 0, 0, "", "not found")), .. sources.Refused]);
            }

            var clips = scene.Plan.Clips.ToList();
            var ids = clips.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var problems = new List<Diagnostic>();
            var manifest = sources.Manifests.SelectMany(m => ManifestReader.Read(m.Path, m.Root, ids, problems)).ToList();
            if (problems.Count > 0)
            {
                throw new InvalidInputException(problems);
            }

            // A manifest may name a file that was not among the paths given.
            var videos = sources.Videos.ToList();
            foreach (var entry in manifest.Where(e => !videos.Any(v => Same(v.Path, e.File))))
            {
                videos.Add((entry.File, Path.GetFileName(entry.File)));
            }

            var workspace = ManualRun.WorkspaceFor(scene, options.OutputPath);
            var present = ManualRun.PresentClips(scene, workspace);
            var imports = ManualRun.ReadImports(workspace);
            var items = new List<ImportItem>();

            // A file this run already holds for a clip stays that clip's: it must not be placed
            // again by order or length (a downloads folder is imported more than once).
            foreach (var known in await KnownAsync(videos, imports, present, cancellationToken))
            {
                var clip = clips.First(c => c.Id == known.Record.ClipId);
                items.Add(new ImportItem(clip, known.File, ParseRule(known.Record.Rule), known.Record.Sha256, known.Record.Bytes, [], AlreadyImported: true, Replaces: false));
                videos.RemoveAll(v => v.Path == known.File.Path);
            }

            var candidates = await ProbeAllAsync(videos, cancellationToken);
            var slots = clips.Select(c => new ClipSlot(c.Id, c.Seconds, present.Contains(c.Id))).ToList();
            var result = ClipFileMatcher.Match(slots, candidates, manifest.Where(e => videos.Any(v => Same(v.Path, e.File))).ToList(), options.InOrder, options.Order);
            var unmatched = sources.Skipped.Select(s => new UnmatchedFile(new CandidateFile(s.Path, s.Name, default, null), s.Reason)).Concat(result.Unmatched).ToList();

            var validator = new MediaValidator(_runner);
            foreach (var match in result.Matches)
            {
                var clip = clips.First(c => c.Id == match.ClipId);
                var check = await validator.ValidateAsync(
                    new MediaValidationRequest(match.File.Path) { Label = clip.Id, MinimumDuration = TimeSpan.FromMilliseconds(clip.ShareMs), Decode = DecodeCheck.Full },
                    cancellationToken);
                var messages = check.Problems.Select(p => p.Message.Replace($"'{Path.GetFileName(match.File.Path)}'", $"'{match.File.Name}'", StringComparison.Ordinal)).ToList();
                var sha = await CacheKeys.FileSha256Async(match.File.Path, cancellationToken);
                var already = present.Contains(clip.Id) && imports.TryGetValue(clip.Id, out var before) && before.Sha256 == sha;
                items.Add(new ImportItem(clip, match.File, match.Rule, sha, new FileInfo(match.File.Path).Length, messages, already, present.Contains(clip.Id) && !already));
            }

            var ordered = items.OrderBy(i => clips.IndexOf(i.Clip)).ToList();
            return new ImportPlan(scene, options, workspace, ordered, unmatched, present, sources);
        }
        catch
        {
            sources.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies the plan's valid files into the workspace clip cache, in plan order (a chained clip's
    /// key depends on its predecessor's last frame, so the predecessor must be in first), and
    /// records each in the ledger and <c>imports.json</c>. Holds the workspace lock while it works.
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> ApplyAsync(ImportPlan plan, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<ImportOutcome>();
        var items = plan.Items.Where(i => i.IsValid).ToDictionary(i => i.Clip.Id, StringComparer.Ordinal);
        if (items.Count == 0)
        {
            return outcomes;
        }

        using var workspace = RunWorkspace.Open(plan.Workspace);
        var ledger = RunLedger.Open(workspace.LedgerPath, _time);
        var context = new RunContext(
            plan.Scene, new ManualProvider(), false, workspace, ledger, _runner, new ManualClipGenerator(),
            new Budget(null, ledger), new GenerationPolicy(false, false), _time, _logger, new Progress<RunEvent>());
        var imports = ManualRun.ReadImports(workspace.Root).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var clip in plan.Scene.Plan.Clips)
        {
            if (!items.TryGetValue(clip.Id, out var item))
            {
                continue;
            }

            if (clip.InputFromClip is { } previous && !(ledger.Find(previous) is { File: { } previousFile } && File.Exists(workspace.Resolve(previousFile))))
            {
                var reason = $"{clip.Id} starts from the last frame of {previous}: import {previous} first";
                _logger.LogWarning("Not imported: {Reason}", reason);
                outcomes.Add(new ImportOutcome(clip.Id, item.File.Name, false, reason));
                continue;
            }

            var request = await RunInputs.RequestForAsync(context, clip, cancellationToken);
            var target = Path.Combine(workspace.ClipsFolder, request.CacheKey + ".mp4");
            var copied = false;
            if (!File.Exists(target) || await CacheKeys.FileSha256Async(target, cancellationToken) != item.Sha256)
            {
                // Copied whole or not at all: the cache never holds half a file. The original is
                // opened for reading only.
                await AtomicFile.WriteAsync(target, async (destination, token) =>
                {
                    await using var source = new FileStream(item.File.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
                    await source.CopyToAsync(destination, token);
                }, cancellationToken);
                copied = true;
            }

            ledger.Save(new ClipRecord
            {
                Id = clip.Id,
                CacheKey = request.CacheKey,
                Seconds = clip.Seconds,
                State = ClipState.Downloaded,
                File = workspace.Relative(target),
                CacheHit = true,
                ImportedSha256 = item.Sha256,
            });
            imports[clip.Id] = new ImportRecord(clip.Id, SourceName(item.File.Path, item.File.Name), item.Sha256, item.Bytes, RuleName(item.Rule), workspace.Relative(target), _time.GetUtcNow());
            _logger.LogInformation("Clip {ClipId}: imported {Source} ({Rule})", clip.Id, item.File.Name, RuleName(item.Rule));
            outcomes.Add(new ImportOutcome(clip.Id, item.File.Name, copied, null));
        }

        await ManualRun.WriteImportsAsync(workspace.Root, imports.Values, cancellationToken);
        return outcomes;
    }

    public static string RuleName(MatchRule rule) => rule switch
    {
        MatchRule.FileName => "file name",
        MatchRule.Manifest => "manifest",
        MatchRule.InOrder => "in order",
        _ => "nearest length",
    };

    /// <summary>Files whose path (or zip entry), size and SHA-256 are those of a present clip's recorded import.</summary>
    private static async Task<List<(CandidateFile File, ImportRecord Record)>> KnownAsync(List<(string Path, string Name)> videos, IReadOnlyDictionary<string, ImportRecord> imports, IReadOnlySet<string> present, CancellationToken cancellationToken)
    {
        var known = new List<(CandidateFile, ImportRecord)>();
        foreach (var (path, name) in videos)
        {
            var source = SourceName(path, name);
            var record = imports.Values.FirstOrDefault(r => r.Source == source && present.Contains(r.ClipId));
            if (record is not null && new FileInfo(path).Length == record.Bytes && await CacheKeys.FileSha256Async(path, cancellationToken) == record.Sha256)
            {
                known.Add((new CandidateFile(path, name, File.GetLastWriteTimeUtc(path), null), record));
            }
        }

        return known;
    }

    /// <summary>How imports.json names a source: the full path, or <c>export.zip:dir/a.mp4</c> for a file from a zip.</summary>
    private static string SourceName(string path, string name) => name.Contains(':', StringComparison.Ordinal) ? name : path;

    private static MatchRule ParseRule(string rule) => rule switch
    {
        "file name" => MatchRule.FileName,
        "manifest" => MatchRule.Manifest,
        "in order" => MatchRule.InOrder,
        _ => MatchRule.NearestLength,
    };

    private async Task<List<CandidateFile>> ProbeAllAsync(List<(string Path, string Name)> videos, CancellationToken cancellationToken)
    {
        var probe = new MediaProbe(_runner);
        var results = new CandidateFile[videos.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, videos.Count), options, async (i, token) =>
        {
            var (path, name) = videos[i];
            TimeSpan? duration = null;
            try
            {
                duration = (await probe.ProbeAsync(path, token)).VideoDuration;
            }
            catch (Exception e) when (Failures.IsItemFailure(e))
            {
                _logger.LogDebug("{File} could not be probed: {Reason}", name, e.Message);
            }

            results[i] = new CandidateFile(path, name, File.GetLastWriteTimeUtc(path), duration);
        });
        return [.. results];
    }

    private static bool Same(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    public static string Seconds(TimeSpan? duration) => duration is { } d ? d.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s" : "?";
}