namespace Recreation.Core.Planning;

/// <summary>
/// Chooses the generated length of each of a scene's k clips (DESIGN §4 rule 4): the least total
/// generated seconds such that the usable parts, <c>min(g, maxClip)</c>, cover the scene; among
/// equal totals the most even lengths (smallest sum of squares); listed longest first.
/// </summary>
public static class LengthChooser
{
    /// <param name="allowed">The profile's allowed lengths in seconds.</param>
    /// <param name="maxClipMs">The longest usable part of one clip, in milliseconds.</param>
    /// <param name="durationMs">The scene's duration in milliseconds.</param>
    /// <param name="clips">The number of clips, k.</param>
    public static int[] Choose(IReadOnlyList<int> allowed, long maxClipMs, long durationMs, int clips)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clips, 1);
        var candidates = Candidates(allowed, maxClipMs);
        var coverage = candidates.Select(v => Math.Min(v * 1000L, maxClipMs)).ToArray();
        var search = new Search(candidates, coverage, durationMs, clips);
        search.Run(0, clips, 0, 0, 0);
        return search.Best ?? throw new InvalidOperationException(
            $"No choice of {clips} clips from [{string.Join(", ", allowed)}] covers {durationMs} ms; the clip count rule guarantees one.");
    }

    /// <summary>
    /// Lengths longer than the smallest one reaching <paramref name="maxClipMs"/> cost more and
    /// cover nothing more, so they never win; leaving them out keeps the search small.
    /// Returned longest first.
    /// </summary>
    private static int[] Candidates(IReadOnlyList<int> allowed, long maxClipMs)
    {
        var sorted = allowed.Distinct().Order().ToArray();
        var firstReaching = sorted.FirstOrDefault(v => v * 1000L >= maxClipMs);
        return sorted.Where(v => v * 1000L < maxClipMs || v == firstReaching).OrderDescending().ToArray();
    }

    /// <summary>Depth-first over how many clips take each candidate length, with bounds on cost and coverage.</summary>
    private sealed class Search(int[] candidates, long[] coverage, long durationMs, int clips)
    {
        private readonly int[] _counts = new int[candidates.Length];
        private readonly int _cheapest = candidates[^1];
        private readonly long _widest = coverage.Max();
        private long _bestCost = long.MaxValue;
        private long _bestSquares = long.MaxValue;

        public int[]? Best { get; private set; }

        public void Run(int index, int remaining, long cost, long squares, long covered)
        {
            if (cost + ((long)remaining * _cheapest) > _bestCost || covered + (remaining * _widest) < durationMs)
            {
                return;
            }

            if (index == candidates.Length - 1)
            {
                // The last (shortest) candidate takes all remaining clips.
                var value = candidates[index];
                Consider(cost + ((long)remaining * value), squares + ((long)remaining * value * value), covered + (remaining * coverage[index]), index, remaining);
                return;
            }

            for (var count = remaining; count >= 0; count--)
            {
                _counts[index] = count;
                var value = candidates[index];
                Run(index + 1, remaining - count, cost + ((long)count * value), squares + ((long)count * value * value), covered + (count * coverage[index]));
            }

            _counts[index] = 0;
        }

        private void Consider(long cost, long squares, long covered, int lastIndex, int lastCount)
        {
            // Strictly better only: among full ties the first found (most long clips) stays.
            if (covered < durationMs || cost > _bestCost || (cost == _bestCost && squares >= _bestSquares))
            {
                return;
            }

            _counts[lastIndex] = lastCount;
            _bestCost = cost;
            _bestSquares = squares;
            Best = new int[clips];
            var position = 0;
            for (var i = 0; i < candidates.Length; i++)
            {
                for (var c = 0; c < _counts[i]; c++)
                {
                    Best[position++] = candidates[i];
                }
            }

            _counts[lastIndex] = 0;
        }
    }
}
