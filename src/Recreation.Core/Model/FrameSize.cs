using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Recreation.Core.Model;

/// <summary>A frame size written <c>WxH</c> (for example <c>1280x720</c>).</summary>
public readonly record struct FrameSize(int Width, int Height)
{
    public bool IsEven => Width % 2 == 0 && Height % 2 == 0;

    public static bool TryParse(string? text, [NotNullWhen(true)] out FrameSize? size)
    {
        size = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Trim().Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || w <= 0 || h <= 0 || w > 8192 || h > 8192)
        {
            return false;
        }

        size = new FrameSize(w, h);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}