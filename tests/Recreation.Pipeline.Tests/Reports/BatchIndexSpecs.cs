using System.Text.RegularExpressions;

using Recreation.Core;
using Recreation.Core.Batch;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Reports;
using Recreation.Pipeline.Running;
using Recreation.Pipeline.Workspace;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Reports;

/// <summary>A batch's index.html: a row per item with its thumbnail, state, duration, spend, and links to its report and video that resolve from the page.</summary>
[CancelAfter(180_000)]
public partial class BatchIndexSpecs
{
    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task Each_item_gets_a_row_with_a_thumbnail_state_duration_spend_and_working_links(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var items = new List<BatchRunItem>();
        foreach (var n in new[] { 1, 2 })
        {
            var path = temp.File($"film-{n}.yaml");
            await File.WriteAllTextAsync(path, $$"""
                version: 1
                title: "Film {{n}} <b>bold</b> & co"
                profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0 }] }]
                target: { model: tiny }
                output: { path: "out/film {{n}}.mp4", fps: 24, loudness: null }
                scenes:
                  - { id: a, duration: 1, description: Film {{n}} opens. }
                  - { id: b, duration: 1, description: Film {{n}} ends. }
                """, cancellationToken);
            items.Add(new BatchRunItem(new BatchItem($"film-{n}.yaml", path), SceneCompiler.Compile(path), new RunOptions()));
        }

        var runner = new BatchRunner(new RunOrchestrator(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(Runner))).WithSharing(new SharedLimits(2)));
        IReadOnlyList<BatchItemResult> results;
        using (RunWorkspace.Open(items[1].Workspace))
        {
            results = await runner.RunAsync(items, 2, null, cancellationToken);
        }

        var folder = temp.File("recreate-batch");
        var summary = BatchSummary.Create(["0/1"], 2, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(3), null, results);
        var page = await BatchIndex.WriteAsync(summary, folder, Runner, cancellationToken);

        Assert.That(page, Is.EqualTo(Path.Combine(folder, "index.html")));
        var html = await File.ReadAllTextAsync(page, cancellationToken);
        Assert.That(html, Does.Not.Contain("<b>bold").And.Contain("Film 1 &lt;b&gt;bold&lt;/b&gt; &amp; co"));
        var rows = Regex.Split(html, "<tr class=\"item\"").Skip(1).ToList();
        Assert.That(rows, Has.Count.EqualTo(2));

        var done = rows[0];
        Assert.That(done, Does.Contain("data-item=\"film-1.yaml\"").And.Contain("<td class=\"ok\">succeeded").And.Contain("<td>2 s</td>").And.Contain("$0.00"));
        Assert.That(StoryboardSpecs.DataImage().Matches(done), Has.Count.EqualTo(1), "a thumbnail of its video");
        var links = Link().Matches(done).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.That(links.Keys, Is.EquivalentTo(new[] { "report", "video" }));
        Assert.That(Uri.UnescapeDataString(links["video"]), Is.EqualTo("../out/film 1.mp4"));
        Assert.That(links["video"], Does.Contain("%20"), "escaped for a URL");
        Assert.That(Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(links["report"]))), Is.EqualTo(Path.Combine(results[0].Workspace!, "report.html")).And.Exist);

        var locked = rows[1];
        Assert.That(locked, Does.Contain("<td class=\"error\">locked").And.Contain("Another recreate run is using the workspace"));
        Assert.That(StoryboardSpecs.DataImage().Matches(locked), Is.Empty);
        Assert.That(Link().Matches(locked), Is.Empty, "nothing to link to");
    }

    [GeneratedRegex("<a class=\"(report|video)\" href=\"([^\"]+)\">")]
    private static partial Regex Link();
}