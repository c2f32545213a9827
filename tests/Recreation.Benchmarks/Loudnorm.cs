using System.Globalization;
using System.Text.Json;

namespace Recreation.Benchmarks;

/// <summary>
/// The baselines' two-pass loudnorm, written as FFMPEG.md says a careful hand would: pass 1
/// prints JSON at the end of stderr; pass 2 gets the measured values, <c>linear=true</c> and
/// <c>LRA = max(11, ceil(input_lra) + 1)</c> (else loudnorm silently turns dynamic).
/// </summary>
internal static class Loudnorm
{
    public const string TruePeak = "-1.5";

    public static string FirstPass(double target)
    {
        return string.Create(CultureInfo.InvariantCulture, $"loudnorm=I={target}:TP={TruePeak}:LRA=11:print_format=json");
    }

    public static string SecondPass(IReadOnlyDictionary<string, string> measured, double target)
    {
        var lra = double.Parse(measured["input_lra"], NumberStyles.Float, CultureInfo.InvariantCulture);
        var range = Math.Max(11, Math.Ceiling(lra) + 1);
        return string.Create(CultureInfo.InvariantCulture,
            $"loudnorm=I={target}:TP={TruePeak}:LRA={range}:measured_I={measured["input_i"]}:measured_TP={measured["input_tp"]}"
            + $":measured_LRA={measured["input_lra"]}:measured_thresh={measured["input_thresh"]}:offset={measured["target_offset"]}:linear=true:print_format=json");
    }

    /// <summary>The last JSON object in loudnorm's stderr, as strings.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string stderr)
    {
        var end = stderr.LastIndexOf('}');
        var start = end < 0 ? -1 : stderr.LastIndexOf('{', end);
        if (start < 0)
        {
            throw new BenchmarkException("loudnorm printed no JSON (run ffmpeg at -loglevel info). stderr ends: " + stderr[Math.Max(0, stderr.Length - 2000)..]);
        }

        using var json = JsonDocument.Parse(stderr[start..(end + 1)]);
        return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString());
    }
}