namespace Recreation.Core.Planning;

/// <summary>
/// Chooses the generated length of each of a scene's k clips (DESIGN §4 rule 4): the least total
/// generated seconds such that the usable parts, <c>min(g, maxClip)</c>, cover the scene; among
/// equal totals the most even lengths (smallest sum of squares); listed longest first.
/// </summary>
/// <remarks>
/// Only lengths below maxClip and the smallest length reaching it (the "top") can win: anything
/// longer costs more and covers nothing more. A top clip covers maxClip and wastes the rest, a
/// shorter clip covers exactly its length, so for any choice
/// <c>coverage = cost − n_top × waste</c>: the coverage rule only limits how many top clips there
/// may be. The search therefore tries every count of top clips and, for the rest, looks up the
/// most even way to reach each total with a dynamic programme over (clips, seconds) — polynomial
/// in k, where enumerating multisets is exponential in the number of allowed lengths.
/// </remarks>
public static class LengthChooser
{
    /// <param name="allowed">The profile's allowed lengths in whole seconds.</param>
    /// <param name="maxClipMs">The longest usable part of one clip, in milliseconds.</param>
    /// <param name="durationMs">The scene's duration in milliseconds.</param>
    /// <param name="clips">The number of clips, k.</param>
    public static int[] Choose(IReadOnlyList<int> allowed, long maxClipMs, long durationMs, int clips)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clips, 1);
        var sorted = allowed.Distinct().Order().ToArray();
        var top = sorted.First(v => v * 1000L >= maxClipMs);
        var lower = sorted.Where(v => v * 1000L < maxClipMs).ToArray();
        var table = new EvenSums(lower, clips);

        (long Cost, long Squares, int[] Lengths)? best = null;
        for (var topCount = clips; topCount >= 0; topCount--)
        {
            var rest = clips - topCount;
            foreach (var (sum, squares) in table.Reachable(rest))
            {
                var covered = (topCount * maxClipMs) + (sum * 1000L);
                if (covered < durationMs)
                {
                    continue;
                }

                var cost = ((long)topCount * top) + sum;
                var totalSquares = ((long)topCount * top * top) + squares;
                if (best is { } b && (cost > b.Cost || (cost == b.Cost && totalSquares > b.Squares)))
                {
                    continue;
                }

                var lengths = Enumerable.Repeat(top, topCount).Concat(table.Lengths(rest, sum)).ToArray();
                if (best is { } current && cost == current.Cost && totalSquares == current.Squares && !IsLexicographicallyLarger(lengths, current.Lengths))
                {
                    continue;
                }

                best = (cost, totalSquares, lengths);
            }
        }

        return best?.Lengths ?? throw new InvalidOperationException(
            $"No choice of {clips} clips from [{string.Join(", ", allowed)}] covers {durationMs} ms; the clip count rule guarantees one.");
    }

    private static bool IsLexicographicallyLarger(int[] a, int[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return a[i] > b[i];
            }
        }

        return false;
    }

    /// <summary>
    /// For j clips taken from <c>values</c>, the smallest sum of squares that reaches each total
    /// (totals kept in units of the values' greatest common divisor to keep the table small).
    /// </summary>
    private sealed class EvenSums
    {
        private const long Unreachable = long.MaxValue;
        private readonly int[] _values;
        private readonly int _unit;
        private readonly long[][] _squares;

        public EvenSums(int[] values, int maxCount)
        {
            _values = values.OrderDescending().ToArray();
            _unit = values.Length == 0 ? 1 : values.Aggregate(Gcd);
            var maxTotal = values.Length == 0 ? 0 : maxCount * values.Max() / _unit;
            _squares = new long[maxCount + 1][];
            _squares[0] = new long[maxTotal + 1];
            Array.Fill(_squares[0], Unreachable);
            _squares[0][0] = 0;
            for (var j = 1; j <= maxCount; j++)
            {
                var row = _squares[j] = new long[maxTotal + 1];
                Array.Fill(row, Unreachable);
                var previous = _squares[j - 1];
                foreach (var value in _values)
                {
                    var step = value / _unit;
                    var square = (long)value * value;
                    for (var total = step; total <= maxTotal; total++)
                    {
                        if (previous[total - step] != Unreachable && previous[total - step] + square < row[total])
                        {
                            row[total] = previous[total - step] + square;
                        }
                    }
                }
            }
        }

        /// <summary>Every total (in seconds) that <paramref name="count"/> clips can reach, with its smallest sum of squares.</summary>
        public IEnumerable<(long Sum, long Squares)> Reachable(int count)
        {
            var row = _squares[count];
            for (var total = 0; total < row.Length; total++)
            {
                if (row[total] != Unreachable)
                {
                    yield return ((long)total * _unit, row[total]);
                }
            }
        }

        /// <summary>The most even lengths reaching <paramref name="sum"/>, longest first (the largest first length among the most even).</summary>
        public IEnumerable<int> Lengths(int count, long sum)
        {
            var total = (int)(sum / _unit);
            for (var j = count; j > 0; j--)
            {
                var value = _values.First(v =>
                {
                    var step = v / _unit;
                    return total >= step && _squares[j - 1][total - step] != Unreachable
                        && _squares[j - 1][total - step] + ((long)v * v) == _squares[j][total];
                });
                yield return value;
                total -= value / _unit;
            }
        }

        private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
    }
}