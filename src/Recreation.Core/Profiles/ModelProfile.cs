using Recreation.Core.Model;

namespace Recreation.Core.Profiles;

/// <summary>
/// What one model can do and what it costs: data, not code, so a gateway's Veo or Runway model is
/// a few lines of YAML. Backends that stand in for any profile (<see cref="KnownBackends.AnyProfile"/>:
/// the placeholder, manual) can run it too.
/// </summary>
/// <param name="Backends">The backends (provider names) that can run it besides those that run any profile.</param>
/// <param name="Seconds">The clip lengths it generates, ascending.</param>
/// <param name="PromptLimit">The longest prompt it accepts, in characters.</param>
/// <param name="AcceptsInputImage">Whether a first-frame image can be sent with a clip.</param>
public sealed record ModelProfile(
    string Name,
    string Description,
    ValueList<string> Backends,
    ValueList<int> Seconds,
    ValueList<ProfileSize> Sizes,
    int PromptLimit,
    bool AcceptsInputImage)
{
    /// <summary>
    /// The model makes nothing without an input image (<c>input_image: required</c>, e.g. Runway's
    /// gen4_turbo): every clip needs a first frame, from the scene's <c>reference_image</c> or from
    /// <c>continuity.chain: last-frame</c>. Checked by validate before anything runs.
    /// </summary>
    public bool RequiresInputImage { get; init; }

    /// <summary>
    /// True for a profile a scene file defined under its own <c>profiles:</c> (not built in, not from
    /// the user's <c>--profiles</c> file): its prices are the scene's claim, so a paid run says so.
    /// </summary>
    public bool DefinedInScene { get; init; }

    /// <summary>Where the prices come from (a price page's URL, or words); null when the profile does not say.</summary>
    public string? PriceSource { get; init; }

    /// <summary>The day the prices were last checked against <see cref="PriceSource"/>; null when the profile does not say.</summary>
    public DateOnly? PriceChecked { get; init; }

    /// <summary>
    /// The id an aggregator knows the model by (a fal endpoint id such as
    /// <c>fal-ai/kling-video/v2.1/standard/image-to-video</c>, a Replicate <c>owner/name</c> or version);
    /// null when it is <see cref="Name"/> itself. See <see cref="ModelId"/>.
    /// </summary>
    public string? Model { get; init; }

    /// <summary>How a clip maps onto the model's input JSON on an aggregator; null for the direct providers, which know their models.</summary>
    public InputMapping? Inputs { get; init; }

    /// <summary>The id to send to the service: <see cref="Model"/>, or the profile's name when it gives none.</summary>
    public string ModelId => Model ?? Name;

    public ProfileSize? FindSize(FrameSize size) => Sizes.FirstOrDefault(s => s.Size == size);

    /// <summary>
    /// Whether <paramref name="backend"/> may run this profile: it is in <see cref="Backends"/>, or it
    /// stands in for any profile (the placeholder; manual, since a person can generate a profile's
    /// lengths and sizes by hand in any app that makes them).
    /// </summary>
    public bool Supports(string backend, KnownBackends known) =>
        known.RunsAnyProfile(backend) || Backends.Contains(backend, StringComparer.OrdinalIgnoreCase);
}