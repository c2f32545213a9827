using System.Globalization;

namespace Recreation.Media.Processes;

/// <summary>
/// Builds an ffmpeg/ffprobe argument list. Every argument stays one list item (started through
/// <c>ProcessStartInfo.ArgumentList</c>, never joined into a command string); numbers are
/// written with the invariant culture and file paths made absolute, in this one place.
/// </summary>
public sealed class ArgumentsBuilder
{
    /// <summary>Still-image names ffmpeg's image2 demuxer claims by extension (libavformat/img2.c), the common ones.</summary>
    private static readonly HashSet<string> StillImageExtensions = new(
        [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff", ".tga", ".ppm", ".pgm", ".pbm", ".pam", ".pcx", ".sgi", ".dpx", ".exr", ".j2k", ".jp2", ".qoi", ".xbm", ".xwd"],
        StringComparer.OrdinalIgnoreCase);

    private readonly List<string> _arguments = [];

    public ArgumentsBuilder Add(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        _arguments.Add(argument);
        return this;
    }

    public ArgumentsBuilder Add(string option, string value)
    {
        return Add(option).Add(value);
    }

    public ArgumentsBuilder Add(string option, long value)
    {
        return Add(option, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>An option whose value is a duration in seconds, e.g. <c>-t 2.04</c>.</summary>
    public ArgumentsBuilder Add(string option, TimeSpan seconds)
    {
        return Add(option, Seconds(seconds));
    }

    public ArgumentsBuilder AddRange(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        foreach (var argument in arguments)
        {
            Add(argument);
        }

        return this;
    }

    /// <summary>
    /// <c>-i</c> with the absolute path of one file (so a name like "a:b.mp4" is not read as a
    /// protocol). ffmpeg 5.1 gives a file named like a still image to its image2 demuxer, which
    /// reads a <c>%</c> anywhere in the path as an image-sequence pattern: <c>refs/100%d.png</c> is
    /// "not found", or beside a <c>1001.png</c> that other file is read instead. Such a path is
    /// opened with <c>-f image2 -pattern_type none</c>, as the one file it names. (image2pipe would
    /// also tell the format from the bytes, but it cannot seek: <c>-ss 0</c> before it writes
    /// nothing. With image2 the format follows the extension, so a JPEG named <c>%.png</c> fails to
    /// decode; without a <c>%</c> ffmpeg's own choice, by content, is kept.)
    /// </summary>
    public ArgumentsBuilder Input(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (IsStillImageName(fullPath) && fullPath.Contains('%', StringComparison.Ordinal))
        {
            Add("-f", "image2").Add("-pattern_type", "none");
        }

        return Add("-i", fullPath);
    }

    /// <summary>The output file, as an absolute path (a relative name starting with '-' would read as an option).</summary>
    public ArgumentsBuilder Output(string path)
    {
        return Add(Path.GetFullPath(path));
    }

    public IReadOnlyList<string> Build() => _arguments.ToArray();

    /// <summary>
    /// Whether a file is named like a still image, which the image2 demuxer claims. GIF is left
    /// out: its own demuxer wins over image2 (also for <c>a%d.gif</c>) and reads the animation.
    /// </summary>
    public static bool IsStillImageName(string path) => StillImageExtensions.Contains(Path.GetExtension(path));

    /// <summary>Seconds with microsecond precision, invariant culture: "2.04", "0.033333".</summary>
    public static string Seconds(TimeSpan value)
    {
        return Number(Math.Round(value.TotalSeconds, 6));
    }

    /// <summary>A number as ffmpeg reads it: invariant culture, no exponent, at most 6 decimals.</summary>
    public static string Number(double value)
    {
        return value.ToString("0.######", CultureInfo.InvariantCulture);
    }
}