using System.Text.RegularExpressions;

namespace Recreation.Generation.Replicate;

/// <summary>
/// What a profile's <c>model:</c> names on Replicate, decided once:
/// <list type="bullet">
/// <item><c>owner/name</c> (an official model, e.g. <c>kwaivgi/kling-v2.1</c>): created with
/// <c>POST /v1/models/{owner}/{name}/predictions</c>, which runs the model's current version.</item>
/// <item><c>owner/name:version</c> (a pinned version of any model, as Replicate's clients write it):
/// created with <c>POST /v1/predictions</c> and <c>"version": "{version}"</c>.</item>
/// <item>a bare version id (64 lowercase hex digits): the same, with no model name known before the
/// prediction answers.</item>
/// </list>
/// Community models have no "current version" endpoint, so they need a version (Replicate's docs,
/// "Create a prediction"); the version form is also the one to pin a model's behaviour.
/// </summary>
public sealed partial record ReplicateModel(string? Owner, string? Name, string? Version)
{
    /// <summary><c>owner/name</c>, or null for a bare version id.</summary>
    public string? FullName => Owner is null ? null : $"{Owner}/{Name}";

    /// <summary>True when the create names a version (<c>POST /v1/predictions</c>).</summary>
    public bool ByVersion => Version is not null;

    /// <summary>Reads a profile's model id; an id in none of the three forms throws <see cref="ArgumentException"/>.</summary>
    public static ReplicateModel Parse(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var text = modelId.Trim();
        if (VersionId().IsMatch(text))
        {
            return new ReplicateModel(null, null, text);
        }

        var match = Reference().Match(text);
        if (!match.Success)
        {
            throw new ArgumentException(
                $"'{modelId}' is not a Replicate model: write owner/name (kwaivgi/kling-v2.1), owner/name:version, or a version id (64 hex digits).", nameof(modelId));
        }

        var version = match.Groups["version"].Success ? match.Groups["version"].Value : null;
        return new ReplicateModel(match.Groups["owner"].Value, match.Groups["name"].Value, version);
    }

    /// <summary>Whether a prediction's <c>model</c> and <c>version</c> are this model's (a field the service left out does not count against it).</summary>
    public bool Matches(string? model, string? version) =>
        ByVersion
            ? string.Equals(version, Version, StringComparison.OrdinalIgnoreCase)
                && (FullName is null || model is null || string.Equals(model, FullName, StringComparison.OrdinalIgnoreCase))
            : string.Equals(model, FullName, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => FullName is null ? Version! : Version is null ? FullName : $"{FullName}:{Version}";

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex VersionId();

    [GeneratedRegex("^(?<owner>[A-Za-z0-9][A-Za-z0-9_.-]{0,63})/(?<name>[A-Za-z0-9][A-Za-z0-9_.-]{0,99})(:(?<version>[0-9a-f]{64}))?$")]
    private static partial Regex Reference();
}