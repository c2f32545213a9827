using System.Globalization;

using Recreation.Core.Model;
using Recreation.Core.Security;

using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Loading;

internal sealed partial class SceneFileReader
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".webp"];
    private static readonly string[] AudioExtensions = [".mp3", ".m4a", ".aac", ".wav", ".flac", ".ogg", ".opus", ".mp4", ".mov", ".mkv", ".webm"];

    private OutputSettings? ReadOutput(YamlNode? node, TargetSettings? target, string title)
    {
        var map = _r.Mapping(node, "output", SceneKeys.Output);
        var pathText = _r.String(map?["path"], "output.path") ?? $"out/{Slug.From(title)}.mp4";
        var path = ResolvePath(map?["path"], "output.path", pathText, mustExist: false);
        if (path is not null && !string.Equals(Path.GetExtension(path), ".mp4", StringComparison.OrdinalIgnoreCase))
        {
            Report(map?["path"], "output.path", $"must end in .mp4 (the finished video is an MP4), not '{pathText}'");
        }

        var size = ReadSize(map?["size"], "output.size") ?? target?.Size;
        if (size is { IsEven: false } odd)
        {
            Report(map?["size"], "output.size", $"{odd} has an odd side; H.264 needs even width and height (e.g. {odd.Width / 2 * 2}x{odd.Height / 2 * 2})");
        }

        var fit = _r.Choice(map?["fit"], "output.fit", SceneKeys.Fits) ?? Fit.Cover;
        var fps = _r.Integer(map?["fps"], "output.fps") ?? 30;
        if (fps is < 1 or > 120)
        {
            Report(map?["fps"], "output.fps", "must be between 1 and 120");
        }

        // Absent: -14 LUFS (streaming loudness). Written as null: leave levels alone.
        var loudnessNode = map?["loudness"];
        var loudness = loudnessNode is null ? -14m : _r.Number(loudnessNode, "output.loudness");
        if (loudness is < -70 or > -5)
        {
            Report(loudnessNode, "output.loudness", "must be between -70 and -5 LUFS (e.g. -14 for streaming, -23 for broadcast), or null");
        }

        var transition = ReadTransition(map?["transition"], "output.transition") ?? TransitionSpec.Cut;
        var captions = _r.Choice(map?["captions"], "output.captions", SceneKeys.CaptionModes) ?? Captions.Srt;
        var music = ReadMusic(map?["music"]);
        var fade = ReadFade(map?["fade"]);
        var trimHead = ReadTrimHead(map?["trim_head"]);
        return path is null || size is null ? null : new OutputSettings(path, size.Value, fit, fps, loudness, transition, captions, music, fade, trimHead);
    }

    /// <summary>Longest fade, in seconds, at either end.</summary>
    private const decimal MaxFadeSeconds = 10;

    /// <summary>Longest head cut, in seconds.</summary>
    private const decimal MaxTrimHeadSeconds = 5;

    /// <summary>Reads <c>fade: 0.5</c> (both ends) or <c>fade: { in: 0.5, out: 1 }</c>; zero at both ends is no fade.</summary>
    private FadeSettings? ReadFade(YamlNode? node)
    {
        const string path = "output.fade";
        if (YamlReader.IsNull(node))
        {
            return null;
        }

        decimal? fadeIn, fadeOut;
        if (node is YamlScalarNode { Value: { } text })
        {
            if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var both))
            {
                Report(node, path, $"must be seconds (e.g. 0.5) or {{ in: SECONDS, out: SECONDS }}, not '{text}'");
                return null;
            }

            fadeIn = fadeOut = CheckFade(node, path, both);
        }
        else
        {
            var map = _r.Mapping(node, path, SceneKeys.Fade);
            if (map is null)
            {
                return null;
            }

            fadeIn = CheckFade(map["in"], map.At("in"), _r.Number(map["in"], map.At("in")) ?? 0);
            fadeOut = CheckFade(map["out"], map.At("out"), _r.Number(map["out"], map.At("out")) ?? 0);
        }

        return fadeIn is null || fadeOut is null || (fadeIn == 0 && fadeOut == 0) ? null : new FadeSettings(fadeIn.Value, fadeOut.Value);
    }

    private decimal? CheckFade(YamlNode? node, string path, decimal seconds)
    {
        if (seconds is >= 0 and <= MaxFadeSeconds)
        {
            return seconds;
        }

        Report(node, path, $"must be between 0 and {MaxFadeSeconds} seconds");
        return null;
    }

    /// <summary>Reads <c>trim_head: auto</c> or a number of seconds; 0 cuts nothing.</summary>
    private TrimHeadSetting? ReadTrimHead(YamlNode? node)
    {
        const string path = "output.trim_head";
        if (YamlReader.IsNull(node))
        {
            return null;
        }

        var text = _r.String(node, path);
        if (text is null)
        {
            return null;
        }

        if (text.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return TrimHeadSetting.Auto;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds is < 0 or > MaxTrimHeadSeconds)
        {
            Report(node, path, $"must be auto (cut a black or frozen opening) or seconds between 0 and {MaxTrimHeadSeconds}, not '{text}'");
            return null;
        }

        return seconds == 0 ? null : new TrimHeadSetting(seconds);
    }

    private MusicSettings? ReadMusic(YamlNode? node)
    {
        var map = _r.Mapping(node, "output.music", SceneKeys.Music);
        if (map is null)
        {
            return null;
        }

        var text = _r.String(map.Required("path"), "output.music.path");
        var path = text is null ? null : ResolvePath(map["path"], "output.music.path", text, mustExist: true, AudioExtensions);
        var volume = _r.Number(map["volume"], "output.music.volume") ?? 0.3m;
        if (volume is < 0 or > 2)
        {
            Report(map["volume"], "output.music.volume", "must be between 0 and 2 (1 = as recorded)");
        }

        var duck = _r.Boolean(map["duck"], "output.music.duck") ?? true;
        return path is null ? null : new MusicSettings(path, volume, duck);
    }

    /// <summary>Reads <c>{ type: crossfade, duration: 0.5 }</c> or the short form <c>crossfade:0.5</c> / <c>cut</c>.</summary>
    private TransitionSpec? ReadTransition(YamlNode? node, string path)
    {
        if (YamlReader.IsNull(node))
        {
            return null;
        }

        TransitionKind? kind;
        YamlNode? durationNode = null;
        decimal? duration = null;
        if (node is YamlScalarNode { Value: { } shortForm })
        {
            var parts = shortForm.Split(':', 2);
            kind = _r.ChoiceOf(node, path, parts[0].Trim(), SceneKeys.Transitions);
            if (parts.Length == 2)
            {
                durationNode = node;
                duration = decimal.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
                if (duration is null)
                {
                    _r.Error(node, path, $"the duration after ':' must be a number of seconds, not '{parts[1]}'");
                    return null;
                }
            }
        }
        else
        {
            var map = _r.Mapping(node, path, SceneKeys.Transition);
            if (map is null)
            {
                return null;
            }

            kind = _r.Choice(map.Required("type"), YamlReader.Child(path, "type"), SceneKeys.Transitions);
            durationNode = map["duration"];
            duration = _r.Number(durationNode, YamlReader.Child(path, "duration"));
        }

        var durationPath = node is YamlScalarNode ? path : YamlReader.Child(path, "duration");
        switch (kind)
        {
            case null:
                return null;
            case TransitionKind.Cut when duration is > 0:
                Report(durationNode, durationPath, "a cut has no duration; use crossfade or fade-black for a timed transition");
                return null;
            case TransitionKind.Cut:
                return TransitionSpec.Cut;
            default:
                var seconds = duration ?? TransitionSpec.DefaultDuration;
                if (seconds is <= 0 or > 5)
                {
                    Report(durationNode, durationPath, "must be more than 0 and at most 5 seconds");
                    return null;
                }

                return new TransitionSpec(kind.Value, seconds);
        }
    }

    /// <summary>
    /// Resolves a path written in the scene file: relative paths are relative to the file and may
    /// not leave its folder tree (so a shared scene cannot read or write elsewhere by accident);
    /// absolute paths are taken as given. An input (<paramref name="mustExist"/>: a file the scene
    /// reads) must also resolve, symlinks followed, inside the scene's folder or a folder the user
    /// allowed (<see cref="SecuritySettings.AllowedInputFolders"/>): a scene file is untrusted and may
    /// not make <c>recreate</c> read — and upload — files from elsewhere.
    /// </summary>
    private string? ResolvePath(YamlNode? node, string path, string text, bool mustExist, string[]? extensions = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Report(node, path, "is empty; give a file path, or leave the key out");
            return null;
        }

        string full;
        try
        {
            full = Path.IsPathRooted(text) ? Path.GetFullPath(text) : Path.GetFullPath(Path.Combine(_baseDirectory, text));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            Report(node, path, $"'{text}' is not a usable path");
            return null;
        }

        if (!Path.IsPathRooted(text) && !IsInside(full, _baseDirectory))
        {
            Report(node, path, mustExist
                ? $"'{text}' points outside the scene file's folder; move the file inside it, or give its absolute path in a folder you allowed ({AllowInputAdvice(full)})"
                : $"'{text}' points outside the scene file's folder; move the file inside it or give an absolute path");
            return null;
        }

        if (extensions is not null && !extensions.Contains(Path.GetExtension(full).ToLowerInvariant()))
        {
            Report(node, path, $"'{text}' must be one of {string.Join(", ", extensions)}");
            return null;
        }

        if (mustExist && OutsideAllowedFolders(full) is ({ } problem, var real))
        {
            Report(node, path, $"'{text}' {problem}; a scene file may only read files inside its own folder or a folder you allowed: move the file into {_baseDirectory}, or {AllowInputAdvice(real)}");
            return null;
        }

        if (mustExist && !File.Exists(full))
        {
            Report(node, path, $"'{text}' does not exist (looked for {full})");
            return null;
        }

        return full;
    }

    /// <summary>Why the input at <paramref name="full"/> is outside every folder it may be read from (and where it really is), or a null problem when it is inside one.</summary>
    private (string? Problem, string Real) OutsideAllowedFolders(string full)
    {
        string real;
        try
        {
            real = RealPaths.Resolve(full);
        }
        catch (IOException e)
        {
            return ($"cannot be followed to a file ({e.Message})", full);
        }

        if (RealPaths.IsInside(real, _baseDirectory) || _security.AllowedInputFolders.Any(folder => RealPaths.IsInside(real, folder)))
        {
            return (null, real);
        }

        return (real == full ? "is outside the scene file's folder" : $"is a link to {real}, outside the scene file's folder", real);
    }

    private static string AllowInputAdvice(string full) =>
        $"allow its folder with --allow-input {Path.GetDirectoryName(full)} or the setting Security:AllowedInputFolders (RECREATION_Security__AllowedInputFolders)";

    private static bool IsInside(string fullPath, string directory)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(root, StringComparison.Ordinal);
    }
}