using Recreation.Core.Model;

namespace Recreation.Core.Profiles;

/// <summary>
/// What one model can do and what it costs: data, not code, so a gateway's Veo or Runway model is
/// a few lines of YAML. The placeholder backend can stand in for any profile.
/// </summary>
/// <param name="Backends">The backends that can run it besides the placeholder (openai, manual).</param>
/// <param name="Seconds">The clip lengths it generates, ascending.</param>
/// <param name="PromptLimit">The longest prompt it accepts, in characters.</param>
/// <param name="AcceptsInputImage">Whether a first-frame image can be sent with a clip.</param>
public sealed record ModelProfile(
    string Name,
    string Description,
    ValueList<Backend> Backends,
    ValueList<int> Seconds,
    ValueList<ProfileSize> Sizes,
    int PromptLimit,
    bool AcceptsInputImage)
{
    public ProfileSize? FindSize(FrameSize size) => Sizes.FirstOrDefault(s => s.Size == size);

    /// <summary>
    /// Placeholder stands in for any profile, and so does manual: a person can generate a
    /// profile's lengths and sizes by hand in any app that makes them.
    /// </summary>
    public bool Supports(Backend backend) => backend is Backend.Placeholder or Backend.Manual || Backends.Contains(backend);
}