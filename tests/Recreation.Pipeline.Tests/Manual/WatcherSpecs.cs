using System.Collections.Concurrent;

using Recreation.Core;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Pipeline.Manual;
using Recreation.Pipeline.Running;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Manual;

[CancelAfter(120_000)]
public class WatcherSpecs
{
    private const string Yaml = """
        version: 1
        title: Watch spec
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0 }] }]
        target: { backend: manual, model: tiny }
        output: { path: out/film.mp4, fps: 24, loudness: null }
        planning: { max_clip_seconds: 2 }
        continuity: { chain: last-frame }
        scenes:
          - { id: a, duration: 3, description: The first scene. }
          - { id: b, duration: 1.5, description: The second scene. }
        """;

    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task Watching_a_downloads_folder_completes_the_run_as_files_land(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var path = temp.File("scene.yaml");
        await File.WriteAllTextAsync(path, Yaml, cancellationToken);
        var scene = SceneCompiler.Compile(path);
        var downloads = temp.Folder("downloads");
        var made = temp.Folder("made");
        // Already in the folder: an unrelated 2 s video (it would fit a-1 or b-1 by length) and a clip with its id.
        await SyntheticMedia.CreateAsync(Path.Combine(downloads, "holiday.mp4"), new SyntheticMediaOptions { Duration = TimeSpan.FromSeconds(2) }, cancellationToken);
        var lines = new ConcurrentQueue<string>();
        var orchestrator = new RunOrchestrator(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(Runner)));
        var watcher = new Watcher(new Importer(Runner), orchestrator);
        var watching = watcher.WatchAsync(scene, [downloads], new WatchOptions(TimeSpan.FromMilliseconds(200), new ImportOptions()), lines.Enqueue, null, cancellationToken);

        async Task LandAsync(string name, double seconds)
        {
            var file = await SyntheticMedia.CreateAsync(Path.Combine(made, name), new SyntheticMediaOptions { Duration = TimeSpan.FromSeconds(seconds) }, cancellationToken);
            File.Copy(file, Path.Combine(downloads, name));
        }

        async Task WaitForAsync(string text)
        {
            while (!lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
            {
                Assert.That(watching.IsCompleted, Is.False, string.Join("\n", lines));
                await Task.Delay(50, cancellationToken);
            }
        }

        await WaitForAsync("Watching");
        // The chained a-2 lands before a-1, whose last frame it starts from: it waits for it.
        await LandAsync("a-2.mp4", 1);
        await WaitForAsync("a-2.mp4: not yet: a-2 starts from the last frame of a-1");
        await File.WriteAllTextAsync(Path.Combine(downloads, "a-1.mp4.crdownload"), "partial", cancellationToken);
        await LandAsync("a-1.mp4", 2);
        await WaitForAsync("a-2.mp4 → a-2: imported.");
        await WaitForAsync("Still missing: b-1.");
        Assert.That(watching.IsCompleted, Is.False, "b-1 is still missing");
        await LandAsync("B_1 (1).mp4", 2);

        var summary = await watching;
        Assert.That(summary.Succeeded, string.Join("\n", lines));
        Assert.That(File.Exists(temp.File("out/film.mp4")));
        Assert.That(lines, Has.Some.EqualTo("B_1 (1).mp4 → b-1: imported."));
        Assert.That(Directory.GetFiles(downloads).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "B_1 (1).mp4", "a-1.mp4", "a-1.mp4.crdownload", "a-2.mp4", "holiday.mp4" }), "originals stay where they landed");
        Assert.That(lines, Has.None.Contains("holiday.mp4"), "a video that was there before, without a clip id, is left alone");
        Assert.That(lines.Count(l => l.Contains("→ a-1: imported.", StringComparison.Ordinal)), Is.EqualTo(1), "each clip is imported once");
    }
}