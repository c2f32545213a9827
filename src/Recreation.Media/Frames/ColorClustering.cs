using System.Globalization;

namespace Recreation.Media.Frames;

/// <summary>
/// k-means over RGB pixels, deterministic: pixels are binned (5 bits per channel), seeds are the
/// most populated bins at least <see cref="SeedSpacing"/> apart, then Lloyd iterations move the
/// centres. No randomness, so the same frames always give the same palette.
/// </summary>
internal static class ColorClustering
{
    private const int Bits = 5;
    private const double SeedSpacing = 40;
    private const int Iterations = 12;

    public static IReadOnlyList<PaletteColor> Cluster(ReadOnlySpan<byte> rgb, int count)
    {
        var bins = BinPixels(rgb);
        if (bins.Count == 0)
        {
            return [];
        }

        var centres = Seeds(bins, count);
        var members = new long[centres.Count];
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var sums = new double[centres.Count, 3];
            Array.Clear(members);
            foreach (var bin in bins)
            {
                var nearest = Nearest(centres, bin.Mean);
                members[nearest] += bin.Count;
                sums[nearest, 0] += bin.Mean.R * bin.Count;
                sums[nearest, 1] += bin.Mean.G * bin.Count;
                sums[nearest, 2] += bin.Mean.B * bin.Count;
            }

            for (var c = 0; c < centres.Count; c++)
            {
                if (members[c] > 0)
                {
                    centres[c] = (sums[c, 0] / members[c], sums[c, 1] / members[c], sums[c, 2] / members[c]);
                }
            }
        }

        double total = members.Sum();
        return centres
            .Select((centre, c) => new PaletteColor(Hex(centre), members[c] / total))
            .Where(p => p.Weight > 0)
            .OrderByDescending(p => p.Weight)
            .ThenBy(p => p.Hex, StringComparer.Ordinal)
            .ToList();
    }

    private sealed record Bin(long Count, (double R, double G, double B) Mean);

    /// <summary>
    /// The occupied bins in key order, with their pixel counts and mean colours. Sparse (a sort of
    /// the pixels' keys), because a palette is made from a few thousand pixels and a dense table
    /// of all 32,768 bins cost a megabyte per call.
    /// </summary>
    private static List<Bin> BinPixels(ReadOnlySpan<byte> rgb)
    {
        var pixels = rgb.Length / 3;
        var keys = new int[pixels];
        var order = new int[pixels];
        for (var p = 0; p < pixels; p++)
        {
            var i = 3 * p;
            keys[p] = ((rgb[i] >> (8 - Bits)) << (2 * Bits)) | ((rgb[i + 1] >> (8 - Bits)) << Bits) | (rgb[i + 2] >> (8 - Bits));
            order[p] = p;
        }

        Array.Sort(keys, order);
        var bins = new List<Bin>();
        for (var start = 0; start < pixels;)
        {
            var end = start;
            long r = 0, g = 0, b = 0;
            for (; end < pixels && keys[end] == keys[start]; end++)
            {
                var i = 3 * order[end];
                r += rgb[i];
                g += rgb[i + 1];
                b += rgb[i + 2];
            }

            var n = (double)(end - start);
            bins.Add(new Bin(end - start, (r / n, g / n, b / n)));
            start = end;
        }

        return bins;
    }

    private static List<(double R, double G, double B)> Seeds(List<Bin> bins, int count)
    {
        var seeds = new List<(double R, double G, double B)>();
        foreach (var bin in bins.OrderByDescending(b => b.Count))
        {
            if (seeds.Count == count)
            {
                break;
            }

            if (seeds.All(s => Distance(s, bin.Mean) >= SeedSpacing))
            {
                seeds.Add(bin.Mean);
            }
        }

        return seeds;
    }

    private static int Nearest(List<(double R, double G, double B)> centres, (double R, double G, double B) colour)
    {
        var best = 0;
        for (var c = 1; c < centres.Count; c++)
        {
            if (Distance(centres[c], colour) < Distance(centres[best], colour))
            {
                best = c;
            }
        }

        return best;
    }

    private static double Distance((double R, double G, double B) a, (double R, double G, double B) b)
    {
        var (dr, dg, db) = (a.R - b.R, a.G - b.G, a.B - b.B);
        return Math.Sqrt((dr * dr) + (dg * dg) + (db * db));
    }

    private static string Hex((double R, double G, double B) c)
    {
        static int Channel(double v) => (int)Math.Clamp(Math.Round(v), 0, 255);
        return string.Create(CultureInfo.InvariantCulture, $"#{Channel(c.R):X2}{Channel(c.G):X2}{Channel(c.B):X2}");
    }
}