namespace Recreation.Core.Profiles;

/// <summary>
/// How a clip becomes one model's input JSON on an aggregator (fal, Replicate): which field takes the
/// prompt, the length, the shape, the first frame and so on, and what fixed inputs go with them. Data,
/// not code, so a model the aggregator hosts is a few lines of a profile (<c>inputs:</c>).
/// </summary>
/// <param name="PromptField">The field that takes the prompt text.</param>
/// <param name="Duration">The field that takes the clip length, or null when the model has one fixed length.</param>
/// <param name="AspectRatioField">A field that takes the clip's shape as a reduced ratio (<c>16:9</c>), or null.</param>
/// <param name="Size">A field that takes the clip's size (<c>1280x720</c>, <c>1280*720</c> or <c>720p</c>), or null.</param>
/// <param name="FirstFrameField">The field that takes the first-frame image as a data URI, or null when the model takes none.</param>
/// <param name="LastFrameField">The field that takes a last-frame image as a data URI, or null.</param>
/// <param name="NegativePromptField">The field that takes <paramref name="NegativePromptText"/>, or null.</param>
/// <param name="NegativePromptText">What the model should avoid, sent with every clip; null when no field is mapped.</param>
/// <param name="SeedField">The field that takes a seed derived from the clip's cache key (the same clip gets the same seed), or null.</param>
/// <param name="FixedJson">Inputs sent unchanged with every clip, as a JSON object's text (<c>{}</c> for none).</param>
public sealed record InputMapping(
    string PromptField,
    DurationInput? Duration,
    string? AspectRatioField,
    SizeInput? Size,
    string? FirstFrameField,
    string? LastFrameField,
    string? NegativePromptField,
    string? NegativePromptText,
    string? SeedField,
    string FixedJson)
{
    /// <summary>Every field this mapping fills, fixed inputs excluded.</summary>
    public IEnumerable<string> MappedFields()
    {
        yield return PromptField;
        foreach (var field in new[] { Duration?.Field, AspectRatioField, Size?.Field, FirstFrameField, LastFrameField, NegativePromptField, SeedField })
        {
            if (field is not null)
            {
                yield return field;
            }
        }
    }
}