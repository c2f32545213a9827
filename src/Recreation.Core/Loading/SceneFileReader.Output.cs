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
        var loudness = loudnessNode is null ? FinishingRules.DefaultLoudnessLufs : _r.Number(loudnessNode, "output.loudness");
        if (loudness is { } lufs && FinishingRules.LoudnessProblem(lufs) is { } loudnessProblem)
        {
            Report(loudnessNode, "output.loudness", loudnessProblem + ", or null");
        }

        var transition = ReadTransition(map?["transition"], "output.transition") ?? TransitionSpec.Cut;
        var captions = _r.Choice(map?["captions"], "output.captions", SceneKeys.CaptionModes) ?? Captions.Srt;
        var music = ReadMusic(map?["music"]);
        var fade = ReadFade(map?["fade"]);
        var trimHead = ReadTrimHead(map?["trim_head"]);
        return path is null || size is null ? null : new OutputSettings(path, size.Value, fit, fps, loudness, transition, captions, music, fade, trimHead);
    }

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
        if (FinishingRules.FadeProblem(seconds) is not { } problem)
        {
            return seconds;
        }

        Report(node, path, problem);
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

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || FinishingRules.TrimHeadProblem(seconds) is not null)
        {
            Report(node, path, $"{FinishingRules.TrimHeadRule}, not '{text}'");
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
        var volume = _r.Number(map["volume"], "output.music.volume") ?? FinishingRules.DefaultMusicVolume;
        if (FinishingRules.MusicVolumeProblem(volume) is { } volumeProblem)
        {
            Report(map["volume"], "output.music.volume", volumeProblem);
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

        if (node is YamlScalarNode { Value: { } shortForm })
        {
            var (spec, problem) = FinishingRules.ParseTransition(shortForm);
            if (problem is not null)
            {
                Report(node, path, problem);
            }

            return spec;
        }

        var map = _r.Mapping(node, path, SceneKeys.Transition);
        if (map is null)
        {
            return null;
        }

        var kind = _r.Choice(map.Required("type"), YamlReader.Child(path, "type"), SceneKeys.Transitions);
        var durationNode = map["duration"];
        var duration = _r.Number(durationNode, YamlReader.Child(path, "duration"));
        if (kind is null)
        {
            return null;
        }

        var (transition, durationProblem) = FinishingRules.Transition(kind.Value, duration);
        if (durationProblem is not null)
        {
            Report(durationNode, YamlReader.Child(path, "duration"), durationProblem);
        }

        return transition;
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