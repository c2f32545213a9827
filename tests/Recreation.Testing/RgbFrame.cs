namespace Recreation.Testing;

/// <summary>One decoded frame as packed RGB24 bytes, for assertions on pixels.</summary>
public sealed record RgbFrame(int Width, int Height, ReadOnlyMemory<byte> Pixels)
{
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var offset = ((y * Width) + x) * 3;
            var span = Pixels.Span;
            return (span[offset], span[offset + 1], span[offset + 2]);
        }
    }

    /// <summary>The mean of R, G and B over a column (0 black … 255 white).</summary>
    public double ColumnBrightness(int x)
    {
        double sum = 0;
        for (var y = 0; y < Height; y++)
        {
            var (r, g, b) = this[x, y];
            sum += (r + g + b) / 3.0;
        }

        return sum / Height;
    }

    /// <summary>The mean of R, G and B over a row.</summary>
    public double RowBrightness(int y)
    {
        double sum = 0;
        for (var x = 0; x < Width; x++)
        {
            var (r, g, b) = this[x, y];
            sum += (r + g + b) / 3.0;
        }

        return sum / Width;
    }
}