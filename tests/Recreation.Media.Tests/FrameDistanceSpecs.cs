using Recreation.Media.Analysis;

namespace Recreation.Media.Tests;

/// <summary>
/// The thumbnail distances run through the one shift search of <see cref="GlobalMotion"/> and give,
/// to the bit, what their plain definition gives: the least mean |after − before − level| over the
/// shifts within ±2 pixels, on the inner thumbnail. The pairs are random noise, noise moved and
/// brightened, and flat frames with content in the middle (where every shift leaves the same
/// differences in another order, so the rounded sums tie or nearly tie).
/// </summary>
[CancelAfter(60_000)]
public class FrameDistanceSpecs
{
    private const int W = FrameFeatures.ThumbWidth, H = FrameFeatures.ThumbHeight, R = 2;

    [Test]
    public void Levelled_pixels_are_the_plain_least_levelled_difference_to_the_bit()
    {
        foreach (var (name, a, b) in Pairs())
        {
            var offset = Mean(b) - Mean(a);
            Assert.That(
                BitConverter.DoubleToInt64Bits(FrameDistance.LevelledPixels(Frame(a), Frame(b))),
                Is.EqualTo(BitConverter.DoubleToInt64Bits(Math.Min(1, LeastDifference(a, b, offset) / 64))),
                name);
        }
    }

    [Test]
    public void Pixels_are_the_plain_least_difference_to_the_bit()
    {
        foreach (var (name, a, b) in Pairs())
        {
            Assert.That(
                BitConverter.DoubleToInt64Bits(FrameDistance.Pixels(Frame(a), Frame(b))),
                Is.EqualTo(BitConverter.DoubleToInt64Bits(Math.Min(1, LeastDifference(a, b, 0) / 64))),
                name);
        }
    }

    [Test]
    public void A_level_step_alone_leaves_no_levelled_difference_but_a_pixel_difference()
    {
        var random = new Random(5);
        var a = new byte[W * H];
        random.NextBytes(a);
        var b = a.Select(v => (byte)Math.Min(255, v / 2 + 40)).ToArray();
        var c = a.Select(v => (byte)(v / 2)).ToArray();

        Assert.That(FrameDistance.LevelledPixels(Frame(b), Frame(c)), Is.Zero.Within(1e-12), "the means are rounded");
        Assert.That(FrameDistance.Pixels(Frame(b), Frame(c)), Is.GreaterThan(0.5));
    }

    /// <summary>The definition, as <c>FrameDistance.LevelledPixels</c> computed it before it used the shared search.</summary>
    private static double LeastDifference(byte[] a, byte[] b, double offset)
    {
        var best = double.MaxValue;
        for (var dy = -R; dy <= R; dy++)
        {
            for (var dx = -R; dx <= R; dx++)
            {
                double sum = 0;
                for (var y = R; y < H - R; y++)
                {
                    for (var x = R; x < W - R; x++)
                    {
                        sum += Math.Abs(b[((y + dy) * W) + x + dx] - a[(y * W) + x] - offset);
                    }
                }

                best = Math.Min(best, sum / ((W - (2 * R)) * (H - (2 * R))));
            }
        }

        return best;
    }

    private static IEnumerable<(string Name, byte[] A, byte[] B)> Pairs()
    {
        var random = new Random(2026);
        for (var i = 0; i < 200; i++)
        {
            var a = new byte[W * H];
            var b = new byte[W * H];
            random.NextBytes(a);
            random.NextBytes(b);
            yield return ($"noise {i}", a, b);
        }

        for (var i = 0; i < 200; i++)
        {
            // The same noise moved by up to 2 pixels, brightened or darkened, with a little grain.
            var a = new byte[W * H];
            random.NextBytes(a);
            var (mx, my, level) = (random.Next(-2, 3), random.Next(-2, 3), random.Next(-60, 61));
            var b = new byte[W * H];
            for (var y = 0; y < H; y++)
            {
                for (var x = 0; x < W; x++)
                {
                    var source = a[(Math.Clamp(y - my, 0, H - 1) * W) + Math.Clamp(x - mx, 0, W - 1)];
                    b[(y * W) + x] = (byte)Math.Clamp(source + level + random.Next(-3, 4), 0, 255);
                }
            }

            yield return ($"moved ({mx}, {my}) by {level} levels, {i}", a, b);
        }

        for (var i = 0; i < 200; i++)
        {
            // A flat frame, then the same or another flat level with a few pixels of content in the
            // middle: every shift sees the same differences, summed in another order.
            var a = Enumerable.Repeat((byte)random.Next(0, 40), W * H).ToArray();
            var b = Enumerable.Repeat((byte)random.Next(0, 40), W * H).ToArray();
            for (var k = random.Next(1, 12); k > 0; k--)
            {
                b[(random.Next(R + R, H - R - R) * W) + random.Next(R + R, W - R - R)] = (byte)random.Next(0, 256);
            }

            yield return ($"flat with content {i}", a, b);
        }
    }

    private static double Mean(byte[] values) => values.Sum(v => (long)v) / (double)values.Length;

    private static FrameFeatures Frame(byte[] luma) => new()
    {
        Index = 0,
        Brightness = 0,
        Contrast = 0,
        Histogram = new ushort[FrameFeatures.HistogramBins],
        Luma = luma,
        Colour = new byte[FrameFeatures.ColourWidth * FrameFeatures.ColourHeight * 3],
    };
}