using Recreation.Core;
using Recreation.Core.Profiles;
using Recreation.Generation.Providers;

namespace Recreation.Generation.Aggregators;

/// <summary>The profile an aggregator provider (fal, OpenRouter, Replicate) runs a target with: it must say which model to call and map the clip onto that model's inputs.</summary>
internal static class AggregatorProfile
{
    /// <summary>
    /// The target's profile (the scene's, with the user's and scene's profiles; else a built-in one),
    /// which must map its inputs; otherwise exit 2 saying how to add one.
    /// </summary>
    /// <param name="backend">The backend name, e.g. <c>fal</c>.</param>
    /// <param name="service">The service as people write it, e.g. <c>OpenRouter</c>.</param>
    /// <param name="verb">What is done with a model there ("call", "run").</param>
    /// <param name="fields">What the service calls a model's input ("inputs", "fields").</param>
    public static ModelProfile Require(ProviderTarget target, string backend, string service, string verb, string fields)
    {
        ArgumentNullException.ThrowIfNull(target);
        var model = target.Settings.Model;
        var profile = target.Scene?.File.Profile is { } scene && scene.Name == model
            ? scene
            : ProviderRegistry.BuiltIn.Catalog().Find(model);
        if (profile?.Inputs is null)
        {
            throw new RecreationException(
                $"The {backend} backend needs a profile that says which {service} model to {verb} and how a clip maps onto its {fields}, and '{model}' has {(profile is null ? "no profile" : "no inputs: mapping")}. "
                + $"Use one of {service}'s built-in profiles (recreate profiles), or add model: and inputs: to your profile (see \"Add a model in five lines of YAML\" in the README).",
                ExitCodes.InvalidInput);
        }

        return profile;
    }
}