using Recreation.Core.Planning;

namespace Recreation.Core.Tests.Planning;

public class LengthChooserSpecs
{
    [TestCase(new[] { 4, 8, 12 }, 8000, 10000, 2, new[] { 8, 4 })]
    [TestCase(new[] { 4, 8, 12 }, 8000, 12000, 2, new[] { 8, 4 })]
    [TestCase(new[] { 4, 8, 12 }, 8000, 12001, 2, new[] { 8, 8 })]
    [TestCase(new[] { 4, 8, 12 }, 8000, 2000, 3, new[] { 4, 4, 4 })]
    [TestCase(new[] { 4, 8, 12 }, 12000, 12000, 1, new[] { 12 })]
    [TestCase(new[] { 4, 8, 12 }, 4000, 9000, 3, new[] { 4, 4, 4 })]
    [TestCase(new[] { 5, 10, 15, 20 }, 8000, 12000, 2, new[] { 10, 5 })]
    [TestCase(new[] { 5 }, 4000, 11000, 3, new[] { 5, 5, 5 })]
    public void Chooses_the_cheapest_covering_lengths(int[] allowed, long maxClipMs, long durationMs, int clips, int[] expected) =>
        Assert.That(LengthChooser.Choose(allowed, maxClipMs, durationMs, clips), Is.EqualTo(expected));

    [Test]
    [CancelAfter(5_000)]
    public void The_largest_scene_allowed_is_planned_quickly_even_with_four_candidate_lengths()
    {
        // 3600 s is the longest scene; at 20 s per clip that is 180 clips, at 8 s 450 (the limit is 500).
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var twenty = LengthChooser.Choose([5, 10, 15, 20], 20_000, 3_600_000, 180);
        var eight = LengthChooser.Choose([5, 10, 15, 20], 8_000, 3_600_000, 450);
        var mixed = LengthChooser.Choose([4, 6, 8, 12, 16, 20], 20_000, 3_599_999, 500);
        Assert.That(twenty.Sum(), Is.EqualTo(3600));
        Assert.That(eight.Sum(l => Math.Min(l, 8)), Is.EqualTo(3600));
        Assert.That(mixed.Sum(l => Math.Min(l, 20)) * 1000, Is.GreaterThanOrEqualTo(3_599_999));
        Assert.That(watch.ElapsedMilliseconds, Is.LessThan(2000));
    }

    [Test]
    public void A_large_clip_count_is_still_solved_quickly()
    {
        var lengths = LengthChooser.Choose([4, 8, 12, 16, 20], 8000, 300_000, 60);
        Assert.That(lengths.Sum(l => Math.Min(l, 8)) * 1000, Is.GreaterThanOrEqualTo(300_000));
        Assert.That(lengths.Sum(), Is.EqualTo(300), "sixty 4–8 s clips whose usable parts cover 300 s cost at least 300 s");
        Assert.That(lengths, Is.Ordered.Descending);
    }

    [Test]
    public void Agrees_with_brute_force_on_random_small_cases()
    {
        var random = new Random(7);
        for (var round = 0; round < 2000; round++)
        {
            var allowed = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(1, 13)).Distinct().ToArray();
            var maxClipMs = random.Next(1, allowed.Max() * 1000 + 1);
            var clips = random.Next(1, 7);
            var durationMs = random.Next(1, (int)Math.Min(clips * (long)maxClipMs, int.MaxValue) + 1);
            var expected = BruteForce(allowed, maxClipMs, durationMs, clips);
            var actual = LengthChooser.Choose(allowed, maxClipMs, durationMs, clips);
            Assert.That(actual, Is.EqualTo(expected), $"allowed [{string.Join(",", allowed)}], maxClip {maxClipMs} ms, D {durationMs} ms, k {clips}");
        }
    }

    /// <summary>Every multiset of k allowed lengths, ranked by the rule: cost, then sum of squares, then longest first.</summary>
    private static int[] BruteForce(int[] allowed, long maxClipMs, long durationMs, int clips)
    {
        IEnumerable<int[]> All(int remaining, int maxIndex, int[] sortedDesc) =>
            remaining == 0
                ? [[]]
                : Enumerable.Range(0, maxIndex + 1).SelectMany(i => All(remaining - 1, i, sortedDesc).Select(rest => new[] { sortedDesc[i] }.Concat(rest).ToArray()));
        var values = allowed.OrderDescending().ToArray();
        return All(clips, values.Length - 1, values.Reverse().ToArray())
            .Select(m => m.OrderDescending().ToArray())
            .Where(m => m.Sum(g => Math.Min(g * 1000L, maxClipMs)) >= durationMs)
            .OrderBy(m => m.Sum())
            .ThenBy(m => m.Sum(g => (long)g * g))
            .ThenByDescending(m => string.Join(",", m.Select(g => g.ToString("D3", System.Globalization.CultureInfo.InvariantCulture))), StringComparer.Ordinal)
            .First();
    }
}