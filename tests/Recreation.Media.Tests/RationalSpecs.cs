using Recreation.Media;

namespace Recreation.Media.Tests;

public class RationalSpecs
{
    [TestCase("30000/1001", 30000, 1001)]
    [TestCase("4:3", 4, 3)]
    [TestCase("50/2", 25, 1)]
    [TestCase("25", 25, 1)]
    [TestCase("0/0", 0, 1)]
    public void A_ratio_is_parsed_reduced(string text, long numerator, long denominator)
    {
        var value = Rational.Parse(text);

        Assert.That((value.Numerator, value.Denominator), Is.EqualTo((numerator, denominator)));
    }

    [Test]
    public void Equal_ratios_compare_equal_whatever_their_spelling()
    {
        Assert.That(Rational.Parse("60/2"), Is.EqualTo((Rational)30));
    }

    [Test]
    public void Text_that_is_not_a_ratio_is_refused()
    {
        Assert.That(Rational.TryParse("fast", out _), Is.False);
        Assert.That(() => Rational.Parse("1/x"), Throws.InstanceOf<FormatException>());
    }

    [Test]
    public void A_ratio_prints_as_ffmpeg_reads_it()
    {
        Assert.That(new Rational(30000, 1001).ToString(), Is.EqualTo("30000/1001"));
        Assert.That(((Rational)25).ToString(), Is.EqualTo("25"));
    }
}