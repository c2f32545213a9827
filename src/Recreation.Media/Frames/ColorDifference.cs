namespace Recreation.Media.Frames;

/// <summary>
/// How different two colours look: CIEDE2000 (ΔE₀₀) between sRGB colours taken to CIELAB under
/// D65. About 1 is the smallest difference people notice side by side, 2–10 is noticeable at a
/// glance, above 10 the colours read as different. Formulas as in Sharma, Wu and Dalal, "The
/// CIEDE2000 color-difference formula" (2005), with kL = kC = kH = 1.
/// </summary>
public static class ColorDifference
{
    /// <summary>ΔE₀₀ between two sRGB colours.</summary>
    public static double Between(PaletteColor first, PaletteColor second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var (l1, a1, b1) = ToLab(first.R, first.G, first.B);
        var (l2, a2, b2) = ToLab(second.R, second.G, second.B);
        return Ciede2000(l1, a1, b1, l2, a2, b2);
    }

    /// <summary>An 8-bit sRGB colour in CIELAB (D65 white, 2° observer).</summary>
    public static (double L, double A, double B) ToLab(byte r, byte g, byte b)
    {
        static double Linear(byte channel)
        {
            var c = channel / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var (rl, gl, bl) = (Linear(r), Linear(g), Linear(b));
        var x = ((0.4124564 * rl) + (0.3575761 * gl) + (0.1804375 * bl)) / 0.95047;
        var y = (0.2126729 * rl) + (0.7151522 * gl) + (0.0721750 * bl);
        var z = ((0.0193339 * rl) + (0.1191920 * gl) + (0.9503041 * bl)) / 1.08883;
        static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : ((24389.0 / 27 * t) + 16) / 116;
        var (fx, fy, fz) = (F(x), F(y), F(z));
        return ((116 * fy) - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    /// <summary>ΔE₀₀ between two CIELAB colours.</summary>
    public static double Ciede2000(double l1, double a1, double b1, double l2, double a2, double b2)
    {
        const double Pow25To7 = 6103515625.0; // 25^7
        var c1 = Math.Sqrt((a1 * a1) + (b1 * b1));
        var c2 = Math.Sqrt((a2 * a2) + (b2 * b2));
        var cMean7 = Math.Pow((c1 + c2) / 2, 7);
        var g = 0.5 * (1 - Math.Sqrt(cMean7 / (cMean7 + Pow25To7)));
        var a1p = (1 + g) * a1;
        var a2p = (1 + g) * a2;
        var c1p = Math.Sqrt((a1p * a1p) + (b1 * b1));
        var c2p = Math.Sqrt((a2p * a2p) + (b2 * b2));
        var h1p = Hue(b1, a1p);
        var h2p = Hue(b2, a2p);

        var dLp = l2 - l1;
        var dCp = c2p - c1p;
        double dhp;
        if (c1p * c2p == 0)
        {
            dhp = 0;
        }
        else if (Math.Abs(h2p - h1p) <= 180)
        {
            dhp = h2p - h1p;
        }
        else
        {
            dhp = h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p + 360;
        }

        var dHp = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Radians(dhp / 2));

        var lMean = (l1 + l2) / 2;
        var cMeanP = (c1p + c2p) / 2;
        double hMean;
        if (c1p * c2p == 0)
        {
            hMean = h1p + h2p;
        }
        else if (Math.Abs(h1p - h2p) <= 180)
        {
            hMean = (h1p + h2p) / 2;
        }
        else
        {
            hMean = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
        }

        var t = 1 - (0.17 * Math.Cos(Radians(hMean - 30))) + (0.24 * Math.Cos(Radians(2 * hMean)))
            + (0.32 * Math.Cos(Radians((3 * hMean) + 6))) - (0.20 * Math.Cos(Radians((4 * hMean) - 63)));
        var dTheta = 30 * Math.Exp(-Math.Pow((hMean - 275) / 25, 2));
        var cMeanP7 = Math.Pow(cMeanP, 7);
        var rc = 2 * Math.Sqrt(cMeanP7 / (cMeanP7 + Pow25To7));
        var lShift = (lMean - 50) * (lMean - 50);
        var sl = 1 + (0.015 * lShift / Math.Sqrt(20 + lShift));
        var sc = 1 + (0.045 * cMeanP);
        var sh = 1 + (0.015 * cMeanP * t);
        var rt = -Math.Sin(Radians(2 * dTheta)) * rc;

        var lTerm = dLp / sl;
        var cTerm = dCp / sc;
        var hTerm = dHp / sh;
        return Math.Sqrt((lTerm * lTerm) + (cTerm * cTerm) + (hTerm * hTerm) + (rt * cTerm * hTerm));
    }

    private static double Hue(double b, double a)
    {
        if (b == 0 && a == 0)
        {
            return 0;
        }

        var degrees = Math.Atan2(b, a) * 180 / Math.PI;
        return degrees < 0 ? degrees + 360 : degrees;
    }

    private static double Radians(double degrees) => degrees * Math.PI / 180;
}