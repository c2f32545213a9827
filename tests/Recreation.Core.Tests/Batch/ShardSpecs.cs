using Recreation.Core.Batch;

namespace Recreation.Core.Tests.Batch;

public class ShardSpecs
{
    [Test]
    public void Shards_are_disjoint_cover_every_item_and_differ_in_size_by_at_most_one()
    {
        var items = Enumerable.Range(0, 17).Select(i => $"item-{i:00}").ToList();
        for (var count = 1; count <= 5; count++)
        {
            var slices = Enumerable.Range(0, count).Select(i => new Shard(i, count).Select(items)).ToList();

            Assert.That(slices.SelectMany(s => s).Order(StringComparer.Ordinal), Is.EqualTo(items), $"N={count}: every item once");
            Assert.That(slices.Max(s => s.Count) - slices.Min(s => s.Count), Is.LessThanOrEqualTo(1), $"N={count}: balanced");
        }
    }

    [Test]
    public void I_of_N_and_auto_parse_and_bad_values_are_usage_errors()
    {
        Assert.That(Shard.Parse("1/3", null, _ => null), Is.EqualTo(new Shard(1, 3)));
        Assert.That(Shard.Parse("auto", null, name => name switch { "JOB_COMPLETION_INDEX" => "2", "RECREATION_SHARD_COUNT" => "4", _ => null }), Is.EqualTo(new Shard(2, 4)));
        Assert.That(Shard.Parse("auto", 5, name => name == "JOB_COMPLETION_INDEX" ? "4" : "9"), Is.EqualTo(new Shard(4, 5)), "--shard-count wins over the variable");

        foreach (var bad in new[] { "3/3", "-1/3", "1/0", "1-3", "one/3" })
        {
            var e = Assert.Throws<RecreationException>(() => Shard.Parse(bad, null, _ => null), bad)!;
            Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        }

        Assert.That(Assert.Throws<RecreationException>(() => Shard.Parse("auto", null, _ => null))!.Message, Does.Contain("JOB_COMPLETION_INDEX"));
        Assert.That(Assert.Throws<RecreationException>(() => Shard.Parse("auto", null, n => n == "JOB_COMPLETION_INDEX" ? "0" : null))!.Message, Does.Contain("--shard-count"));
    }
}