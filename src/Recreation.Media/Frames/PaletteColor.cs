namespace Recreation.Media.Frames;

/// <summary>A dominant colour as "#RRGGBB" and the share of sampled pixels nearest to it (weights sum to 1).</summary>
public sealed record PaletteColor(string Hex, double Weight)
{
    public byte R => Convert.ToByte(Hex[1..3], 16);

    public byte G => Convert.ToByte(Hex[3..5], 16);

    public byte B => Convert.ToByte(Hex[5..7], 16);
}