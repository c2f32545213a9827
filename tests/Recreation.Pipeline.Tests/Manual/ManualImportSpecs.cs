using System.IO.Compression;

using Recreation.Core;
using Recreation.Core.Diagnostics;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Manual;
using Recreation.Pipeline.Running;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Manual;

[CancelAfter(120_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public class ManualImportSpecs
{
    // Clips: a-1 (2 s, 2 s used), a-2 (1 s, 1 s used), b-1 (2 s, 1.5 s used).
    private const string Yaml = """
        version: 1
        title: Manual spec
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0 }] }]
        target: { backend: manual, model: tiny }
        output: { path: out/film.mp4, fps: 24, loudness: null }
        planning: { max_clip_seconds: 2 }
        scenes:
          - { id: a, duration: 3, description: The first scene. }
          - { id: b, duration: 1.5, description: The second scene. }
        """;

    private static readonly FFmpegRunner Runner = new();

    private static RunOrchestrator Orchestrator() => new(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(Runner)));

    private static CompiledScene Write(TempDirectory temp, string yaml = Yaml)
    {
        var path = temp.File("scene.yaml");
        File.WriteAllText(path, yaml);
        return SceneCompiler.Compile(path);
    }

    private static Task<string> Clip(string path, double seconds, string colour = "blue", CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return SyntheticMedia.CreateAsync(path, new SyntheticMediaOptions { Duration = TimeSpan.FromSeconds(seconds), Pattern = SyntheticPattern.SolidColor, Color = colour }, cancellationToken);
    }

    private static async Task<Dictionary<string, (string Sha, DateTime Modified)>> FingerprintAsync(string folder, CancellationToken cancellationToken)
    {
        var prints = new Dictionary<string, (string, DateTime)>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            prints[file] = (await CacheKeys.FileSha256Async(file, cancellationToken), File.GetLastWriteTimeUtc(file));
        }

        return prints;
    }

    [Test]
    public async Task A_manual_run_writes_the_shot_list_and_reports_every_clip_missing(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        await Testing.FakeVideosApi.FakeImages.WritePngAsync(temp.File("door.png"), 64, 36, cancellationToken);
        var scene = Write(temp, Yaml.Replace("description: The first scene. }", "description: The first scene., reference_image: door.png }"));

        var summary = await Orchestrator().RunAsync(scene, new RunOptions(), null, cancellationToken);

        Assert.That(summary.Succeeded, Is.False);
        Assert.That(summary.WaitingForClips);
        Assert.That(summary.Missing.Select(m => m.ClipId), Is.EqualTo(new[] { "a-1", "a-2", "b-1" }));
        Assert.That(summary.Failed, Is.Empty, "missing is not failed");
        Assert.That(File.Exists(temp.File("out/film.mp4")), Is.False);
        var markdown = await File.ReadAllTextAsync(summary.ShotListPath!, cancellationToken);
        foreach (var clip in scene.Plan.Clips)
        {
            Assert.That(markdown, Does.Contain($"## {clip.Id} (missing)").And.Contain(clip.Prompt));
        }

        Assert.That(markdown, Does.Contain("- Generate: 2 s at 320x180").And.Contain("recreate import"));
        var reference = Directory.GetFiles(Path.Combine(summary.Workspace, "frames"), "reference-*.png").Single();
        Assert.That(markdown, Does.Contain($"- Upload as the first frame: `{reference}`"), "the conformed frame the run extracted");
        var csv = await File.ReadAllLinesAsync(Path.Combine(summary.Workspace, ShotList.CsvName), cancellationToken);
        Assert.That(csv[0], Is.EqualTo("clip_id,status,seconds,size,share_seconds,reference_image,prompt"));
        Assert.That(csv[1], Does.StartWith($"a-1,missing,2,320x180,2,{reference},\""));
        var ledger = RunLedger.Open(Path.Combine(summary.Workspace, "ledger.json"));
        Assert.That(ledger.All.Select(r => (r.Id, r.State, r.Attempts)), Is.EqualTo(new[] { ("a-1", ClipState.Missing, 0), ("a-2", ClipState.Missing, 0), ("b-1", ClipState.Missing, 0) }));
    }

    [Test]
    public async Task Importing_by_file_name_copies_into_the_clip_cache_leaves_the_originals_alone_and_the_run_stitches(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var scene = Write(temp);
        var downloads = temp.Folder("downloads");
        await Clip(Path.Combine(downloads, "A_1.mp4"), 2, "red", cancellationToken);
        await Clip(Path.Combine(downloads, "a 2 (1).mp4"), 1, "green", cancellationToken);
        await Clip(Path.Combine(downloads, "Manual spec - b-1.mov"), 2, "blue", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(downloads, "notes.txt"), "not a clip", cancellationToken);
        var before = await FingerprintAsync(downloads, cancellationToken);

        var importer = new Importer(Runner);
        using (var plan = await importer.PlanAsync(scene, [downloads], new ImportOptions(), cancellationToken))
        {
            Assert.That(plan.Items.Select(i => (i.Clip.Id, i.File.Name, i.Rule, i.IsValid)), Is.EqualTo(new[]
            {
                ("a-1", "A_1.mp4", MatchRule.FileName, true),
                ("a-2", "a 2 (1).mp4", MatchRule.FileName, true),
                ("b-1", "Manual spec - b-1.mov", MatchRule.FileName, true),
            }));
            Assert.That(plan.MissingAfter, Is.Empty);
            Assert.That(Directory.Exists(plan.Workspace), Is.False, "showing the mapping writes nothing");
            var outcomes = await importer.ApplyAsync(plan, cancellationToken);
            Assert.That(outcomes.Select(o => (o.ClipId, o.Copied)), Is.EqualTo(new[] { ("a-1", true), ("a-2", true), ("b-1", true) }));
        }

        Assert.That(await FingerprintAsync(downloads, cancellationToken), Is.EqualTo(before), "the originals are unchanged, byte for byte, and still there");
        var workspace = ManualRun.WorkspaceFor(scene, null);
        var imports = ManualRun.ReadImports(workspace);
        Assert.That(imports.Keys, Is.EquivalentTo(new[] { "a-1", "a-2", "b-1" }));
        Assert.That(imports["a-1"].Sha256, Is.EqualTo(before[Path.Combine(downloads, "A_1.mp4")].Sha));
        Assert.That(imports["a-1"].File, Does.Match("^clips/[0-9a-f]{64}\\.mp4$"));
        Assert.That(await CacheKeys.FileSha256Async(Path.Combine(workspace, imports["a-1"].File), cancellationToken), Is.EqualTo(imports["a-1"].Sha256));

        var summary = await Orchestrator().RunAsync(scene, new RunOptions(), null, cancellationToken);
        Assert.That(summary.Succeeded, string.Join("; ", summary.Clips.Select(c => $"{c.ClipId} {c.State} {c.Error}")));
        Assert.That(summary.Clips, Has.All.Matches<ClipOutcome>(c => c.CacheHit && c.State == ClipState.Conformed));
        var info = await new MediaProbe(Runner).ProbeAsync(summary.OutputPath!, cancellationToken);
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(4.5).Within(1.0 / 24));
    }

    [Test]
    public async Task A_zip_export_is_imported_and_its_temp_folder_removed(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var scene = Write(temp);
        var staging = temp.Folder("staging/export");
        await Clip(Path.Combine(staging, "a-1.mp4"), 2, cancellationToken: cancellationToken);
        await Clip(Path.Combine(staging, "a-2.mp4"), 1, cancellationToken: cancellationToken);
        var zip = temp.File("sora-export.zip");
        ZipFile.CreateFromDirectory(temp.File("staging"), zip);
        var zipSha = await CacheKeys.FileSha256Async(zip, cancellationToken);

        var importer = new Importer(Runner);
        string extracted;
        using (var plan = await importer.PlanAsync(scene, [zip], new ImportOptions(), cancellationToken))
        {
            Assert.That(plan.Items.Select(i => (i.Clip.Id, i.File.Name)), Is.EqualTo(new[] { ("a-1", "sora-export.zip:export/a-1.mp4"), ("a-2", "sora-export.zip:export/a-2.mp4") }));
            Assert.That(plan.MissingAfter, Is.EqualTo(new[] { "b-1" }));
            extracted = Path.GetDirectoryName(plan.Items[0].File.Path)!;
            Assert.That(Directory.Exists(extracted));
            await importer.ApplyAsync(plan, cancellationToken);
        }

        Assert.That(Directory.Exists(extracted), Is.False, "the extracted copy is deleted");
        Assert.That(await CacheKeys.FileSha256Async(zip, cancellationToken), Is.EqualTo(zipSha));
        Assert.That(ManualRun.ReadImports(ManualRun.WorkspaceFor(scene, null))["a-1"].Source, Is.EqualTo("sora-export.zip:export/a-1.mp4"));
        var summary = await Orchestrator().RunAsync(scene, new RunOptions(), null, cancellationToken);
        Assert.That(summary.Missing.Select(m => m.ClipId), Is.EqualTo(new[] { "b-1" }));
        Assert.That(await File.ReadAllTextAsync(summary.ShotListPath!, cancellationToken), Does.Contain("2 imported, 1 missing: b-1."));
    }

    [Test]
    public async Task A_file_too_short_for_its_clip_is_an_error_naming_the_clip(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var scene = Write(temp);
        var downloads = temp.Folder("downloads");
        await Clip(Path.Combine(downloads, "a-1.mp4"), 1, cancellationToken: cancellationToken);
        await Clip(Path.Combine(downloads, "a-2.mp4"), 1, cancellationToken: cancellationToken);

        using var plan = await new Importer(Runner).PlanAsync(scene, [downloads], new ImportOptions(), cancellationToken);
        Assert.That(plan.HasErrors);
        var bad = plan.Items.Single(i => !i.IsValid);
        Assert.That(bad.Clip.Id, Is.EqualTo("a-1"));
        Assert.That(bad.Problems.Single(), Does.StartWith("a-1 ('a-1.mp4') is too short: 1 s of video, but 2 s are needed"));
        Assert.That(plan.Items.Single(i => i.IsValid).Clip.Id, Is.EqualTo("a-2"));
    }

    [Test]
    public async Task A_manifest_places_files_with_any_name_and_a_wrong_line_is_reported_by_number(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var scene = Write(temp);
        var downloads = temp.Folder("downloads");
        await Clip(Path.Combine(downloads, "IMG_0001.mp4"), 2, cancellationToken: cancellationToken);
        await Clip(Path.Combine(downloads, "IMG_0002.mp4"), 2, cancellationToken: cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(downloads, "clips.csv"), "clip_id,file\na-1,IMG_0001.mp4\nb-1,IMG_0002.mp4\n", cancellationToken);

        using (var plan = await new Importer(Runner).PlanAsync(scene, [downloads], new ImportOptions(), cancellationToken))
        {
            Assert.That(plan.Items.Select(i => (i.Clip.Id, i.File.Name, i.Rule)), Is.EqualTo(new[] { ("a-1", "IMG_0001.mp4", MatchRule.Manifest), ("b-1", "IMG_0002.mp4", MatchRule.Manifest) }));
        }

        await File.WriteAllTextAsync(Path.Combine(downloads, "clips.csv"), "clip_id,file\na-1,IMG_0001.mp4\nz-9,IMG_0002.mp4\n", cancellationToken);
        var error = Assert.ThrowsAsync<InvalidInputException>(async () => await new Importer(Runner).PlanAsync(scene, [downloads], new ImportOptions(), cancellationToken));
        Assert.That(error!.Message, Does.Contain("clips.csv:3:1: clip_id: 'z-9' is not a clip of this scene file"));
        Assert.That(Directory.Exists(ManualRun.WorkspaceFor(scene, null)), Is.False);
    }

    [Test]
    public async Task A_new_take_replaces_the_imported_clip_and_is_conformed_again(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var scene = Write(temp);
        var downloads = temp.Folder("downloads");
        await Clip(Path.Combine(downloads, "a-1.mp4"), 2, "red", cancellationToken);
        await Clip(Path.Combine(downloads, "a-2.mp4"), 1, "red", cancellationToken);
        await Clip(Path.Combine(downloads, "b-1.mp4"), 2, "red", cancellationToken);
        var importer = new Importer(Runner);
        using (var plan = await importer.PlanAsync(scene, [downloads], new ImportOptions(), cancellationToken))
        {
            await importer.ApplyAsync(plan, cancellationToken);
        }

        Assert.That((await Orchestrator().RunAsync(scene, new RunOptions(), null, cancellationToken)).Succeeded);

        // The same files again: nothing to copy.
        using (var again = await importer.PlanAsync(scene, [downloads], new ImportOptions(), cancellationToken))
        {
            Assert.That(again.Items, Has.All.Matches<ImportItem>(i => i.AlreadyImported));
            Assert.That(again.ToCopy, Is.Empty);
        }

        var take2 = await Clip(temp.File("take2/a-1 (1).mp4"), 2, "white", cancellationToken);
        using (var plan = await importer.PlanAsync(scene, [take2], new ImportOptions(), cancellationToken))
        {
            Assert.That(plan.Items.Single().Replaces);
            await importer.ApplyAsync(plan, cancellationToken);
        }

        var summary = await Orchestrator().RunAsync(scene, new RunOptions(), null, cancellationToken);
        Assert.That(summary.Succeeded);
        Assert.That(summary.Clips.Where(c => !c.ConformCacheHit).Select(c => c.ClipId), Is.EqualTo(new[] { "a-1" }), "the new take is conformed; the others come from the conform cache");
        var frame = await MediaInspection.ReadFrameAsync(summary.OutputPath!, 32, 18, TimeSpan.FromSeconds(0.5), cancellationToken);
        Assert.That(frame[16, 9], Is.EqualTo(((byte)255, (byte)255, (byte)255)).Using<(byte R, byte G, byte B)>((x, y) => Math.Abs(x.R - y.R) < 30 && Math.Abs(x.G - y.G) < 30 && Math.Abs(x.B - y.B) < 30), "the white take is in the video");
    }

    [Test]
    public async Task Force_conforms_a_manual_run_again_but_keeps_every_imported_clip(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var scene = Write(temp);
        var downloads = temp.Folder("downloads");
        await Clip(Path.Combine(downloads, "a-1.mp4"), 2, cancellationToken: cancellationToken);
        await Clip(Path.Combine(downloads, "a-2.mp4"), 1, cancellationToken: cancellationToken);
        await Clip(Path.Combine(downloads, "b-1.mp4"), 2, cancellationToken: cancellationToken);
        var importer = new Importer(Runner);
        using (var plan = await importer.PlanAsync(scene, [downloads], new ImportOptions(), cancellationToken))
        {
            await importer.ApplyAsync(plan, cancellationToken);
        }

        Assert.That((await Orchestrator().RunAsync(scene, new RunOptions(), null, cancellationToken)).Succeeded);
        var forced = await Orchestrator().RunAsync(scene, new RunOptions(Force: true), null, cancellationToken);
        Assert.That(forced.Succeeded, "nothing imported is thrown away");
        Assert.That(forced.Clips, Has.All.Matches<ClipOutcome>(c => c.CacheHit && !c.ConformCacheHit));
    }

    [Test]
    public async Task A_chained_clip_waits_for_its_predecessor_and_the_shot_list_says_which_frame_to_upload(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var scene = Write(temp, Yaml.Replace("planning: { max_clip_seconds: 2 }", "planning: { max_clip_seconds: 2 }\ncontinuity: { chain: last-frame }"));
        var downloads = temp.Folder("downloads");
        await Clip(Path.Combine(downloads, "a-2.mp4"), 1, cancellationToken: cancellationToken);
        var importer = new Importer(Runner);
        using (var plan = await importer.PlanAsync(scene, [downloads], new ImportOptions(), cancellationToken))
        {
            var outcome = (await importer.ApplyAsync(plan, cancellationToken)).Single();
            Assert.That(outcome.SkippedReason, Is.EqualTo("a-2 starts from the last frame of a-1: import a-1 first"));
        }

        var waiting = await Orchestrator().RunAsync(scene, new RunOptions(), null, cancellationToken);
        Assert.That(waiting.Missing.Select(m => m.ClipId), Is.EqualTo(new[] { "a-1", "a-2", "b-1" }));
        Assert.That(await File.ReadAllTextAsync(waiting.ShotListPath!, cancellationToken), Does.Contain("- Upload as the first frame: the last frame of a-1 (import a-1, then run again to extract it)"));

        await Clip(Path.Combine(downloads, "a-1.mp4"), 2, cancellationToken: cancellationToken);
        using (var plan = await importer.PlanAsync(scene, [downloads], new ImportOptions(), cancellationToken))
        {
            Assert.That((await importer.ApplyAsync(plan, cancellationToken)).Select(o => (o.ClipId, o.SkippedReason)), Is.EqualTo(new[] { ("a-1", (string?)null), ("a-2", null) }));
        }

        var after = await Orchestrator().RunAsync(scene, new RunOptions(), null, cancellationToken);
        Assert.That(after.Missing.Select(m => m.ClipId), Is.EqualTo(new[] { "b-1" }), "a-2's key took a-1's last frame, as the run computes it");
        var lastFrame = Directory.GetFiles(Path.Combine(after.Workspace, "frames"), "last-*.png").Single();
        Assert.That(await File.ReadAllTextAsync(after.ShotListPath!, cancellationToken), Does.Contain($"## a-2 (imported)").And.Contain($"- Upload as the first frame: `{lastFrame}`"));
    }
}