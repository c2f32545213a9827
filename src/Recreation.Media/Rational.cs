using System.Globalization;

namespace Recreation.Media;

/// <summary>
/// An exact ratio such as a frame rate (30000/1001), a time base (1/15360) or a sample aspect
/// ratio (4:3). Always stored reduced with a positive denominator, so equal ratios compare equal.
/// A zero denominator (ffprobe's "0/0") is kept as <see cref="Zero"/>.
/// </summary>
public readonly record struct Rational
{
    public Rational(long numerator, long denominator)
    {
        if (denominator == 0)
        {
            Numerator = 0;
            Denominator = 1;
            return;
        }

        if (denominator < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = Gcd(Math.Abs(numerator), denominator);
        Numerator = numerator / gcd;
        Denominator = denominator / gcd;
    }

    public long Numerator { get; }

    public long Denominator { get; }

    public static Rational Zero => new(0, 1);

    public static Rational One => new(1, 1);

    public bool IsZero => Numerator == 0;

    public bool IsPositive => Numerator > 0;

    public double ToDouble() => (double)Numerator / Denominator;

    /// <summary>The reciprocal, e.g. the frame duration of a frame rate.</summary>
    public Rational Invert() => new(Denominator, Numerator);

    public static implicit operator Rational(int value) => new(value, 1);

    public static Rational FromInt32(int value) => new(value, 1);

    /// <summary>Parses "30000/1001", "4:3", "25" or "0/0" (→ <see cref="Zero"/>).</summary>
    public static Rational Parse(string text)
    {
        return TryParse(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a ratio such as 30000/1001 or 4:3.");
    }

    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var separator = text.IndexOfAny(['/', ':']);
        if (separator < 0)
        {
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
            {
                return false;
            }

            value = new Rational(whole, 1);
            return true;
        }

        if (!long.TryParse(text.AsSpan(0, separator), NumberStyles.Integer, CultureInfo.InvariantCulture, out var numerator)
            || !long.TryParse(text.AsSpan(separator + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var denominator))
        {
            return false;
        }

        value = new Rational(numerator, denominator);
        return true;
    }

    /// <summary>ffmpeg's notation, e.g. "30000/1001".</summary>
    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a == 0 ? 1 : a;
    }
}