using System.Globalization;

namespace Recreation.Media.Processes;

/// <summary>
/// Builds an ffmpeg/ffprobe argument list. Every argument stays one list item (started through
/// <c>ProcessStartInfo.ArgumentList</c>, never joined into a command string); numbers are
/// written with the invariant culture and file paths made absolute, in this one place.
/// </summary>
public sealed class ArgumentsBuilder
{
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

    /// <summary><c>-i</c> with the absolute path of a file (so a name like "a:b.mp4" is not read as a protocol).</summary>
    public ArgumentsBuilder Input(string path)
    {
        return Add("-i", Path.GetFullPath(path));
    }

    /// <summary>The output file, as an absolute path (a relative name starting with '-' would read as an option).</summary>
    public ArgumentsBuilder Output(string path)
    {
        return Add(Path.GetFullPath(path));
    }

    public IReadOnlyList<string> Build() => _arguments.ToArray();

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