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
    public void A_large_clip_count_is_still_solved_quickly()
    {
        var lengths = LengthChooser.Choose([4, 8, 12, 16, 20], 8000, 300_000, 60);
        Assert.That(lengths.Sum(l => Math.Min(l, 8)) * 1000, Is.GreaterThanOrEqualTo(300_000));
        Assert.That(lengths.Sum(), Is.EqualTo(300), "sixty 4–8 s clips whose usable parts cover 300 s cost at least 300 s");
        Assert.That(lengths, Is.Ordered.Descending);
    }
}
