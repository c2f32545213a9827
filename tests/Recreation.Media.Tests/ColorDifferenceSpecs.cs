using Recreation.Media.Frames;

namespace Recreation.Media.Tests;

/// <summary>CIEDE2000 against the test data of Sharma, Wu and Dalal (2005), and the sRGB → Lab step against its known values.</summary>
[CancelAfter(10_000)]
public class ColorDifferenceSpecs
{
    [TestCase(50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425)]
    [TestCase(50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669)]
    [TestCase(50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492)]
    [TestCase(50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030)]
    [TestCase(60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644)]
    [TestCase(90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441)]
    public void Ciede2000_matches_the_published_pairs(double l1, double a1, double b1, double l2, double a2, double b2, double expected)
    {
        Assert.That(ColorDifference.Ciede2000(l1, a1, b1, l2, a2, b2), Is.EqualTo(expected).Within(1e-4));
        Assert.That(ColorDifference.Ciede2000(l2, a2, b2, l1, a1, b1), Is.EqualTo(expected).Within(1e-4), "symmetric");
    }

    [Test]
    public void Srgb_white_black_and_red_land_where_cielab_puts_them()
    {
        var white = ColorDifference.ToLab(255, 255, 255);
        Assert.That((white.L, white.A, white.B), Is.EqualTo((100.0, 0.0, 0.0)).Using<(double, double, double)>((x, y) => Near(x, y, 0.01)));
        Assert.That(ColorDifference.ToLab(0, 0, 0).L, Is.EqualTo(0).Within(1e-9));
        var red = ColorDifference.ToLab(255, 0, 0);
        Assert.That((red.L, red.A, red.B), Is.EqualTo((53.24, 80.09, 67.20)).Using<(double, double, double)>((x, y) => Near(x, y, 0.02)));
        Assert.That(ColorDifference.Between(new PaletteColor("#102030", 1), new PaletteColor("#102030", 0.5)), Is.Zero);
    }

    [Test]
    public void Palette_distance_is_zero_for_the_same_colours_and_weights_small_accents_lightly()
    {
        PaletteColor[] scene = [new("#203040", 0.6), new("#A0B0C0", 0.4)];
        Assert.That(PaletteDistance.Between(scene, scene), Is.Zero);
        PaletteColor[] withText = [new("#203040", 0.57), new("#A0B0C0", 0.4), new("#FFFFFF", 0.03)];
        Assert.That(PaletteDistance.Drift(scene, withText), Is.LessThan(PaletteDistance.DriftThreshold / 5), "white captions are a small accent");
        PaletteColor[] red = [new("#C02020", 1)];
        Assert.That(PaletteDistance.Between(scene, red), Is.GreaterThan(PaletteDistance.DriftThreshold));
    }

    private static bool Near((double, double, double) x, (double, double, double) y, double tolerance) =>
        Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance && Math.Abs(x.Item3 - y.Item3) <= tolerance;
}