using System.Text.Json.Nodes;

using Recreation.Core.Profiles;
using Recreation.Generation.Aggregators;

namespace Recreation.Generation.OpenRouter;

/// <summary>
/// Builds the body of <c>POST /videos</c> from a clip and its profile: the profile's
/// <see cref="InputMapping"/> fills OpenRouter's own field names (<c>prompt</c>, <c>duration</c> as a
/// number, <c>aspect_ratio</c>, <c>resolution</c> or <c>size</c>, <c>seed</c>, fixed inputs such as
/// <c>generate_audio</c>) as <see cref="ModelInputs"/> does for fal, then <c>model</c> is set to the
/// profile's model slug. A first frame mapped to <c>frame_images</c> goes as OpenRouter's frame entry
/// <c>[{"type": "image_url", "image_url": {"url": "data:…"}, "frame_type": "first_frame"}]</c>
/// (its docs take a data URL or an https URL there); mapped to any other field it goes as a plain
/// data URI, as on fal. A pure function.
/// </summary>
public static class OpenRouterInputs
{
    /// <summary>The field OpenRouter reads first and last frames from.</summary>
    public const string FrameImagesField = "frame_images";

    /// <param name="firstFrame">The first-frame image as a data URI, or null when the clip has none.</param>
    public static JsonObject Build(ModelProfile profile, ClipRequest request, string? firstFrame)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var mapping = profile.Inputs ?? throw new ArgumentException($"The profile '{profile.Name}' has no inputs: mapping.", nameof(profile));
        var structured = mapping.FirstFrameField == FrameImagesField;
        var body = ModelInputs.Build(mapping, request, structured ? null : firstFrame);
        if (structured && firstFrame is not null)
        {
            body[FrameImagesField] = new JsonArray(new JsonObject
            {
                ["type"] = "image_url",
                ["image_url"] = new JsonObject { ["url"] = firstFrame },
                ["frame_type"] = "first_frame",
            });
        }

        body["model"] = profile.ModelId;
        return body;
    }
}