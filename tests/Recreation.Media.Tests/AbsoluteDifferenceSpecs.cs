using Recreation.Media.Analysis;

namespace Recreation.Media.Tests;

/// <summary>
/// The vector sums of absolute differences give exactly the plain loop's integers, for every
/// length (whole blocks, a masked tail, shorter than a block) and for extreme values.
/// </summary>
[CancelAfter(60_000)]
public class AbsoluteDifferenceSpecs
{
    [Test]
    public void Byte_sums_equal_the_plain_loop_for_every_length_and_offset()
    {
        var random = new Random(14);
        var a = new byte[200];
        var b = new byte[200];
        random.NextBytes(a);
        random.NextBytes(b);
        for (var length = 0; length <= 100; length++)
        {
            for (var offset = 0; offset < 5; offset++)
            {
                var x = a.AsSpan(offset, length);
                var y = b.AsSpan(offset + 3, length);
                Assert.That(AbsoluteDifference.Sum(x, y), Is.EqualTo(AbsoluteDifference.Plain(x, y)), $"length {length}, offset {offset}");
            }
        }
    }

    [Test]
    public void Byte_sums_hold_the_largest_differences()
    {
        var zeros = new byte[1000];
        var full = Enumerable.Repeat((byte)255, 1000).ToArray();
        Assert.That(AbsoluteDifference.Sum(zeros, full), Is.EqualTo(255_000));
        Assert.That(AbsoluteDifference.Sum(full.AsSpan(0, 37), zeros.AsSpan(0, 37)), Is.EqualTo(255 * 37));
    }

    [Test]
    public void Count_sums_equal_the_plain_loop_for_every_length()
    {
        var random = new Random(15);
        var a = Enumerable.Range(0, 600).Select(_ => (ushort)random.Next(0, 9217)).ToArray();
        var b = Enumerable.Range(0, 600).Select(_ => (ushort)random.Next(0, 9217)).ToArray();
        for (var length = 0; length <= 530; length += 7)
        {
            long expected = 0;
            for (var i = 0; i < length; i++)
            {
                expected += Math.Abs(a[i] - b[i]);
            }

            Assert.That(AbsoluteDifference.Sum(a.AsSpan(0, length), b.AsSpan(0, length)), Is.EqualTo(expected), $"length {length}");
        }

        var empty = new ushort[512];
        var most = Enumerable.Repeat(ushort.MaxValue, 512).ToArray();
        Assert.That(AbsoluteDifference.Sum(empty, most), Is.EqualTo(512L * ushort.MaxValue));
    }

    [Test]
    public void Spans_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => AbsoluteDifference.Sum(new byte[3], new byte[4]));
        Assert.Throws<ArgumentException>(() => AbsoluteDifference.Sum(new ushort[3], new ushort[4]));
    }
}