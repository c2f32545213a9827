using Recreation.Core.Model;

using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Loading;

/// <summary>
/// What <c>recreate analyze -o</c> records about the reference a draft came from: <c>reference:
/// { video }</c> at the top and <c>reference_shot: { start, end, keyframe, keyframe_at }</c> per
/// scene. Both are optional, so scene files written before them load unchanged.
/// </summary>
internal sealed partial class SceneFileReader
{
    private ReferenceVideo? ReadReference(YamlNode? node)
    {
        var map = _r.Mapping(node, "reference", SceneKeys.Reference);
        if (map is null)
        {
            return null;
        }

        var text = _r.String(map.Required("video"), map.At("video"));
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Never read by a run (only named in reports), so it may lie outside the scene file's folder.
        try
        {
            return new ReferenceVideo(Path.GetFullPath(Path.IsPathRooted(text) ? text : Path.Combine(_baseDirectory, text)));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            _r.Error(map["video"]!, map.At("video"), $"'{text}' is not a usable path");
            return null;
        }
    }

    private ReferenceShot? ReadReferenceShot(YamlNode? node, string path)
    {
        var map = _r.Mapping(node, path, SceneKeys.ReferenceShot);
        if (map is null)
        {
            return null;
        }

        var start = _r.Number(map.Required("start"), map.At("start"));
        var end = _r.Number(map.Required("end"), map.At("end"));
        if (start < 0)
        {
            _r.Error(map["start"]!, map.At("start"), "must be >= 0 (seconds from the reference's start)");
            return null;
        }

        if (start is not null && end is not null && end <= start)
        {
            _r.Error(map["end"]!, map.At("end"), $"must be after start ({start} s)");
            return null;
        }

        var at = _r.Number(map["keyframe_at"], map.At("keyframe_at"));
        if (at is not null && start is not null && end is not null && (at < start || at >= end))
        {
            _r.Error(map["keyframe_at"]!, map.At("keyframe_at"), $"must lie in the shot, from {start} to before {end} s");
            return null;
        }

        string? keyframe = null;
        if (_r.String(map["keyframe"], map.At("keyframe")) is { } text)
        {
            if (Path.IsPathRooted(text))
            {
                _r.Error(map["keyframe"]!, map.At("keyframe"), $"'{text}' must be relative to the scene file's folder (analyze writes the keyframes beside the draft)");
                return null;
            }

            // Need not exist: a missing keyframe only leaves a gap in the report's comparison.
            keyframe = ResolvePath(map["keyframe"], map.At("keyframe"), text, mustExist: false, ImageExtensions);
        }

        return start is null || end is null ? null : new ReferenceShot(start.Value, end.Value, keyframe, at);
    }
}