namespace Recreation.Media.Frames;

/// <summary>
/// How far apart two palettes are, in ΔE₀₀ (<see cref="ColorDifference"/>): each colour is matched
/// with the nearest colour of the other palette, and the differences are averaged by weight.
/// </summary>
public static class PaletteDistance
{
    /// <summary>
    /// The ΔE₀₀ above which a clip has drifted from its planned palette (or a recreated shot from
    /// its reference): 10 is where two colours stop reading as the same one. Small accents (text,
    /// a highlight) count only by their weight, so they do not flag a clip on their own.
    /// </summary>
    public const double DriftThreshold = 10.0;

    /// <summary>
    /// How far the colours <paramref name="measured"/> in a clip are from the <paramref name="planned"/>
    /// palette: each measured colour's ΔE₀₀ to its nearest planned colour, averaged by weight. Planned
    /// colours a clip does not use cost nothing (a palette is a set to pick from, not a quota).
    /// </summary>
    public static double Drift(IReadOnlyList<PaletteColor> planned, IReadOnlyList<PaletteColor> measured)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(measured);
        return planned.Count == 0 || measured.Count == 0 ? 0 : Directed(measured, planned);
    }

    /// <summary>The symmetric distance between two measured palettes: the mean of both directions' weighted nearest-colour ΔE₀₀.</summary>
    public static double Between(IReadOnlyList<PaletteColor> first, IReadOnlyList<PaletteColor> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return first.Count == 0 || second.Count == 0 ? 0 : (Directed(first, second) + Directed(second, first)) / 2;
    }

    private static double Directed(IReadOnlyList<PaletteColor> from, IReadOnlyList<PaletteColor> to)
    {
        var total = from.Sum(c => c.Weight);
        if (total <= 0)
        {
            return from.Average(c => to.Min(t => ColorDifference.Between(c, t)));
        }

        return from.Sum(c => c.Weight * to.Min(t => ColorDifference.Between(c, t))) / total;
    }
}