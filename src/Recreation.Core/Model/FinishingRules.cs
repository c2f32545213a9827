using System.Globalization;

using Recreation.Core.Loading;

namespace Recreation.Core.Model;

/// <summary>
/// The rules for the finishing values that both a scene file's <c>output:</c> and the flags of
/// <c>recreate stitch</c> set: one parser and one constant per limit, so the two never disagree.
/// A problem comes back as the words that follow the field's name ("must be …"); the caller says
/// where (file:line:column and the YAML path, or the flag).
/// </summary>
public static class FinishingRules
{
    /// <summary>Streaming loudness, used when none is given.</summary>
    public const decimal DefaultLoudnessLufs = -14m;
    public const decimal MinLoudnessLufs = -70m;
    public const decimal MaxLoudnessLufs = -5m;

    /// <summary>The music bed under the clips' sound, when no volume is given (1 = as recorded).</summary>
    public const decimal DefaultMusicVolume = 0.3m;
    public const decimal MaxMusicVolume = 2m;

    /// <summary>Longest crossfade or fade through black.</summary>
    public const decimal MaxTransitionSeconds = 5m;

    /// <summary>Longest fade, in seconds, at either end.</summary>
    public const decimal MaxFadeSeconds = 10m;

    /// <summary>Longest head cut, in seconds.</summary>
    public const decimal MaxTrimHeadSeconds = 5m;

    public static string LoudnessRule { get; } = Invariant($"must be between {MinLoudnessLufs} and {MaxLoudnessLufs} LUFS (e.g. -14 for streaming, -23 for broadcast)");

    public static string MusicVolumeRule { get; } = Invariant($"must be between 0 and {MaxMusicVolume} (1 = as recorded)");

    public static string FadeRule { get; } = Invariant($"must be between 0 and {MaxFadeSeconds} seconds");

    public static string TrimHeadRule { get; } = Invariant($"must be auto (cut a black or frozen opening) or seconds between 0 and {MaxTrimHeadSeconds}");

    public static string TransitionDurationRule { get; } = Invariant($"must be more than 0 and at most {MaxTransitionSeconds} seconds");

    public static string? LoudnessProblem(decimal lufs) => lufs is < MinLoudnessLufs or > MaxLoudnessLufs ? LoudnessRule : null;

    public static string? MusicVolumeProblem(decimal volume) => volume is < 0 or > MaxMusicVolume ? MusicVolumeRule : null;

    public static string? FadeProblem(decimal seconds) => seconds is < 0 or > MaxFadeSeconds ? FadeRule : null;

    public static string? TrimHeadProblem(decimal seconds) => seconds is < 0 or > MaxTrimHeadSeconds ? TrimHeadRule : null;

    /// <summary>A transition's kind by name (<c>fade_black</c> and any case are accepted), or the problem.</summary>
    public static (TransitionKind? Kind, string? Problem) TransitionKindOf(string name)
    {
        var normalized = name.Trim().ToLowerInvariant().Replace('_', '-');
        return SceneKeys.Transitions.TryGetValue(normalized, out var kind)
            ? (kind, null)
            : (null, $"must be one of {string.Join(" | ", SceneKeys.Transitions.Keys)}, not '{name}'{Suggestions.Hint(name, SceneKeys.Transitions.Keys)}");
    }

    /// <summary>A transition of <paramref name="kind"/> lasting <paramref name="seconds"/> (null: the default), or the problem.</summary>
    public static (TransitionSpec? Spec, string? Problem) Transition(TransitionKind kind, decimal? seconds)
    {
        if (kind == TransitionKind.Cut)
        {
            return seconds is > 0
                ? (null, "a cut has no duration; use crossfade or fade-black for a timed transition")
                : (TransitionSpec.Cut, null);
        }

        var duration = seconds ?? TransitionSpec.DefaultDuration;
        return duration is <= 0 or > MaxTransitionSeconds
            ? (null, TransitionDurationRule)
            : (new TransitionSpec(kind, duration), null);
    }

    /// <summary>The short form: <c>cut</c>, <c>crossfade</c>, <c>crossfade:0.5</c>, <c>fade-black:1</c>.</summary>
    public static (TransitionSpec? Spec, string? Problem) ParseTransition(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':', 2);
        var (kind, problem) = TransitionKindOf(parts[0]);
        if (kind is null)
        {
            return (null, problem);
        }

        decimal? seconds = null;
        if (parts.Length == 2)
        {
            if (!decimal.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return (null, $"the duration after ':' must be a number of seconds, not '{parts[1]}'");
            }

            seconds = parsed;
        }

        return Transition(kind.Value, seconds);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}