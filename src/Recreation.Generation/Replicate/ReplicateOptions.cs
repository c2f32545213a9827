using System.Globalization;

using Recreation.Generation.Http;

namespace Recreation.Generation.Replicate;

/// <summary>
/// How <see cref="ReplicateClient"/> reaches Replicate's HTTP API (or a fake speaking it) and how
/// patient it is. <see cref="Providers.ProviderOptions.BaseUrl"/> is the API's root
/// (<c>https://api.replicate.com</c>); the client appends <c>/v1/…</c>. Besides the settings every
/// provider has: how a lost create answer is reconciled (<see cref="ReconcileDelay"/>,
/// <see cref="ReconcilePages"/>, <see cref="LostCreateResends"/>) and which file hosts get the key
/// (<see cref="KeyHosts"/>).
/// </summary>
public sealed class ReplicateOptions : ServiceClientOptions
{
    /// <summary>The usual configuration section name.</summary>
    public const string SectionName = "Replicate";

    public const string DefaultRoot = "https://api.replicate.com";

    /// <summary>Replicate's file host and its subdomains (its HTTP API reference: "replicate.delivery and its subdomains").</summary>
    public const string DefaultKeyHosts = "replicate.delivery, *.replicate.delivery";

    public ReplicateOptions()
    {
        BaseUrl = DefaultRoot;
        // Replicate's own clients poll every 0.5 s; video predictions take minutes, so every 5 s is plenty.
        PollInterval = TimeSpan.FromSeconds(5);
    }

    /// <summary>
    /// How long to wait after a create's answer was lost before looking for the prediction in the list
    /// (default 2 s): time for a request still in flight to land. A guess: Replicate's docs say nothing
    /// about how soon a new prediction shows in the list; its API creates it before it answers.
    /// </summary>
    public TimeSpan ReconcileDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many pages of the prediction list (100 a page, newest first) are read at most when reconciling (default 10).</summary>
    public int ReconcilePages { get; set; } = 10;

    /// <summary>
    /// How many times one clip's create is sent again within a run after its answer was lost and the
    /// list proved the prediction was never made (default 2). Past that the clip waits for the next run.
    /// </summary>
    public int LostCreateResends { get; set; } = 2;

    /// <summary>
    /// The hosts an output file URL may be fetched from with the key (<c>Authorization: Bearer</c>),
    /// comma-separated; <c>*.host</c> covers subdomains. Default <see cref="DefaultKeyHosts"/>, over
    /// https only; the API host itself always counts. Any other host gets no key. A test points it at
    /// a fake's file host (<c>127.0.0.1:PORT</c>, where http is allowed for loopback only).
    /// </summary>
    public string KeyHosts { get; set; } = DefaultKeyHosts;

    protected internal override string ServiceName => "Replicate's API";

    protected internal override string KeyVariable => ReplicateSettings.KeyVariable;

    protected internal override string Section => SectionName;

    protected internal override string DefaultBaseUrl => DefaultRoot;

    protected override IReadOnlyList<string> VersionPaths { get; } = ["/v1"];

    public override IReadOnlyList<string> Validate(string section, string keyVariable)
    {
        var errors = base.Validate(section, keyVariable).ToList();
        if (ReconcileDelay < TimeSpan.Zero)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"ReconcileDelay ({ReconcileDelay}) must not be negative."));
        }

        if (ReconcilePages is < 1 or > 1000)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"ReconcilePages ({ReconcilePages}) must be from 1 to 1000."));
        }

        if (LostCreateResends is < 0 or > 10)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"LostCreateResends ({LostCreateResends}) must be from 0 to 10."));
        }

        foreach (var host in KeyHostList())
        {
            if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal) || host.Contains('@', StringComparison.Ordinal) || host.IndexOf('*', 1) >= 0 || (host[0] == '*' && !host.StartsWith("*.", StringComparison.Ordinal)))
            {
                errors.Add($"KeyHosts has '{host}': write host names (replicate.delivery, *.replicate.delivery, or 127.0.0.1:PORT for a fake), separated by commas.");
            }
        }

        return errors;
    }

    /// <summary>The entries of <see cref="KeyHosts"/>, trimmed, in lower case.</summary>
    internal IReadOnlyList<string> KeyHostList() =>
        KeyHosts.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(h => h.ToLowerInvariant()).ToArray();
}