using System.Text.RegularExpressions;

using Recreation.Media;
using Recreation.Media.Frames;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Reports;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Reports;

/// <summary>
/// The batch index's thumbnails: every item's from one ffmpeg run at the end of the batch (it ran
/// a probe and an ffmpeg per item, one after the other), the same images as one item at a time,
/// and an unreadable video costs only its own thumbnail.
/// </summary>
[CancelAfter(120_000)]
public partial class BatchIndexThumbnailSpecs
{
    private static readonly FFmpegRunner Runner = new();

    [Test]
    public async Task Every_items_thumbnail_comes_from_one_ffmpeg_run_and_equals_its_own_extraction(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("index-thumbs");
        var items = new[]
        {
            await ItemAsync(temp, "a", 2.0, cancellationToken),
            await ItemAsync(temp, "b", 1.0, cancellationToken),
            await ItemAsync(temp, "c", 3.0, cancellationToken),
        };
        using var tools = new CountedMediaTools();

        var page = await BatchIndex.WriteAsync(Summary(items), temp.File("index"), new FFmpegRunner(tools.Options), cancellationToken);

        Assert.That(tools.Starts, Has.Count.EqualTo(1).And.All.StartWith("ffmpeg "), "one ffmpeg run for all items, no probe");
        var thumbnails = Thumbnails(await File.ReadAllTextAsync(page, cancellationToken));
        foreach (var item in items)
        {
            var alone = await new ThumbnailExtractor(Runner).AtAsync(item.Output!, [TimeSpan.FromSeconds(item.DurationSeconds / 2)], 160, cancellationToken);
            Assert.That(alone[0], Is.Not.Null.And.Not.Empty);
            Assert.That(thumbnails[item.Id], Is.EqualTo(alone[0]), $"{item.Id}: the same JPEG bytes as extracted alone");
        }
    }

    [Test]
    public async Task An_unreadable_video_loses_only_its_own_thumbnail(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory("index-thumbs");
        var broken = temp.File("broken.mp4");
        await File.WriteAllTextAsync(broken, "not a video at all", cancellationToken);
        var items = new[]
        {
            await ItemAsync(temp, "a", 1.0, cancellationToken),
            Result("broken", broken, 1.0),
            await ItemAsync(temp, "c", 1.0, cancellationToken),
        };

        var page = await BatchIndex.WriteAsync(Summary(items), temp.File("index"), Runner, cancellationToken);

        var thumbnails = Thumbnails(await File.ReadAllTextAsync(page, cancellationToken));
        Assert.That(thumbnails.Keys, Is.EquivalentTo(new[] { "a", "c" }));
        Assert.That(thumbnails.Values, Has.All.Not.Empty);
    }

    private static async Task<BatchItemResult> ItemAsync(TempDirectory temp, string id, double seconds, CancellationToken cancellationToken)
    {
        var path = await SyntheticMedia.CreateAsync(temp.File(id + ".mp4"), new SyntheticMediaOptions { Duration = TimeSpan.FromSeconds(seconds) }, cancellationToken);
        return Result(id, path, seconds);
    }

    private static BatchItemResult Result(string id, string output, double seconds) =>
        new(id, id + ".yaml", id, BatchItemState.Succeeded, 0, output, null, seconds, 1, 0, 0, 1, 1, 0, null);

    private static BatchSummary Summary(IReadOnlyList<BatchItemResult> items) =>
        BatchSummary.Create(["0/1"], items.Count, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), null, items);

    /// <summary>Each row's inlined thumbnail by item id.</summary>
    private static Dictionary<string, byte[]> Thumbnails(string html) =>
        Regex.Split(html, "<tr class=\"item\"").Skip(1)
            .Select(row => (Id: ItemId().Match(row).Groups[1].Value, Images: StoryboardSpecs.DataImage().Matches(row)))
            .Where(row => row.Images.Count > 0)
            .ToDictionary(row => row.Id, row => Convert.FromBase64String(row.Images[0].Groups[1].Value));

    [GeneratedRegex("data-item=\"([^\"]+)\"")]
    private static partial Regex ItemId();
}