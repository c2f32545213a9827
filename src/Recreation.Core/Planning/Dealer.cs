namespace Recreation.Core.Planning;

/// <summary>Deals items to clips in contiguous blocks whose sizes differ by at most one, earlier blocks larger.</summary>
public static class Dealer
{
    public static int[] Sizes(int items, int clips)
    {
        var sizes = new int[clips];
        for (var i = 0; i < clips; i++)
        {
            sizes[i] = (items / clips) + (i < items % clips ? 1 : 0);
        }

        return sizes;
    }

    public static T[][] Deal<T>(IReadOnlyList<T> items, int clips)
    {
        var sizes = Sizes(items.Count, clips);
        var blocks = new T[clips][];
        var start = 0;
        for (var i = 0; i < clips; i++)
        {
            blocks[i] = items.Skip(start).Take(sizes[i]).ToArray();
            start += sizes[i];
        }

        return blocks;
    }
}