using System.Globalization;
using System.Text.Json;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// Reads fields of a server's JSON answer defensively: an optional field that is missing, null, of
/// an odd type or out of range is noted (<see cref="Notes"/>, logged by the client) and read as
/// null, never fatal. Strings pass through <see cref="ServerText"/> on the way in. Only what a
/// client cannot do without (a job's id) throws, as a <see cref="FormatException"/>.
/// <para>Guesses about gateways written down: numbers may come as strings and ids as numbers;
/// timestamps are Unix seconds, and a value outside 1970–9999 (a gateway sending milliseconds, say)
/// is ignored rather than reinterpreted.</para>
/// </summary>
internal sealed class ServerJson(ServerText text)
{
    /// <summary>The longest job id accepted (OpenAI's are about 40 characters).</summary>
    public const int MaxIdLength = 256;

    private const double MaxUnixSeconds = 253402300799; // 9999-12-31T23:59:59Z

    private readonly List<string> _notes = [];

    public ServerText Text => text;

    /// <summary>What was ignored, one phrase each (field name and why; never the field's text).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>
    /// A job or model id: a string (or number) of 1–<see cref="MaxIdLength"/> printable ASCII characters
    /// without spaces, holding nothing of the key. Anything else throws: an id goes into URLs, the
    /// ledger and the log as it is, so it cannot be cleaned the way a message is.
    /// </summary>
    public string Id(JsonElement obj, string name, string what)
    {
        var raw = Raw(obj, name);
        if (raw is null)
        {
            throw new FormatException($"{what} has no '{name}'");
        }

        if (raw.Length > MaxIdLength || raw.Any(c => c is <= ' ' or > '~'))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{what} has an '{name}' that is not an id (over {MaxIdLength} characters, or spaces or other than printable ASCII)"));
        }

        if (text.ContainsSecret(raw))
        {
            throw new FormatException($"{what} has an '{name}' that holds the API key (a service echoing what it was sent); it is neither stored nor shown");
        }

        return raw;
    }

    /// <summary>An optional id (e.g. <c>remixed_from_video_id</c>): null, with a note, when it is not a valid id.</summary>
    public string? OptionalId(JsonElement obj, string name)
    {
        if (Raw(obj, name) is null)
        {
            return null;
        }

        try
        {
            return Id(obj, name, "the answer");
        }
        catch (FormatException)
        {
            _notes.Add($"'{name}' is not a usable id");
            return null;
        }
    }

    /// <summary>An optional string (a number is read as its text), cleaned and cut to <paramref name="maxChars"/>.</summary>
    public string? String(JsonElement obj, string name, int maxChars = ServerText.MaxChars) =>
        Raw(obj, name) is { } raw ? text.Clean(raw, maxChars) : null;

    /// <summary>An optional string kept whole but redacted (an echoed prompt, compared with ours).</summary>
    public string? WholeString(JsonElement obj, string name) =>
        Raw(obj, name) is { } raw ? text.Redact(raw) : null;

    /// <summary>An optional number (or a string holding one).</summary>
    public double? Number(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number))
        {
            return number;
        }

        _notes.Add($"'{name}' is not a number ({Kind(value)})");
        return null;
    }

    /// <summary>An optional Unix time in seconds; out of range (milliseconds, negative, past year 9999) is ignored.</summary>
    public DateTimeOffset? UnixTime(JsonElement obj, string name)
    {
        if (Number(obj, name) is not { } seconds)
        {
            return null;
        }

        if (seconds is <= 0 or > MaxUnixSeconds)
        {
            _notes.Add(string.Create(CultureInfo.InvariantCulture, $"'{name}' {seconds:G6} is not a Unix time in seconds (milliseconds?)"));
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
    }

    /// <summary>An optional boolean (<c>true</c>/<c>false</c>, or those words as a string).</summary>
    public bool? Boolean(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            case JsonValueKind.String when bool.TryParse(value.GetString(), out var parsed):
                return parsed;
            default:
                _notes.Add($"'{name}' is not a boolean ({Kind(value)})");
                return null;
        }
    }

    /// <summary>An optional nested object; anything else is noted and read as absent.</summary>
    public JsonElement? Object(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        _notes.Add($"'{name}' is not an object ({Kind(value)})");
        return null;
    }

    public void Note(string note) => _notes.Add(note);

    /// <summary>A string or number as text, before any cleaning; null (with a note for odd types) otherwise.</summary>
    private string? Raw(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.Null:
                return null;
            default:
                _notes.Add($"'{name}' is not a string ({Kind(value)})");
                return null;
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}