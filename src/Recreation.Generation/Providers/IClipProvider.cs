namespace Recreation.Generation.Providers;

/// <summary>
/// A video generation service (or the placeholder, or a person) behind one contract, registered by
/// name in <see cref="ProviderRegistry"/>. It declares what it can do
/// (<see cref="Capabilities"/>), resolves its settings for a target (<see cref="Connect"/>), builds
/// generators that map its service's answers into neutral outcomes (<see cref="JobOutcome"/>,
/// <see cref="SubmissionRefusedException"/>, <see cref="ClipExpiredException"/>) so the pipeline never
/// sees HTTP, and checks itself for <c>recreate doctor</c> (<see cref="CheckAsync"/>).
/// </summary>
/// <remarks>
/// <para><b>Adding a provider</b> touches its own folder, its profiles and one registration line:</para>
/// <list type="number">
/// <item>A folder <c>src/Recreation.Generation/&lt;Provider&gt;/</c> holding everything of it: the
/// <see cref="IClipProvider"/> (its <see cref="Name"/> is what scenes write as <c>target.backend</c>),
/// its <see cref="IClipGenerator"/>, its HTTP client and JSON, and its options class (derive from
/// <see cref="ProviderOptions"/> and read it with <see cref="ProviderOptions.Bind{T}"/> from the
/// section named after the provider, so <c>RECREATION_&lt;Provider&gt;__BaseUrl</c>,
/// <c>__PollInterval</c> (hh:mm:ss), deadlines and retries work like the openai backend's). Its
/// base URL and key come from <c>EndpointPolicy.Resolve(EndpointRequest.ForScene(target.Scene, name,
/// defaultBaseUrl, defaultKeyVariable) with { UserBaseUrl = options.BaseUrl, … }, settings.Security,
/// settings.Environment)</c>, as <c>OpenAISettings</c> does.</item>
/// <item>Its generator maps answers into neutral outcomes: <see cref="IClipGenerator.SubmitAsync"/>
/// throws <see cref="SubmissionRefusedException"/> only when the failure proves no job exists
/// (connection refused, or the service answered with an error; <c>InvalidInput</c> when the user
/// must fix the scene); anything else it throws means the answer was lost and the job may exist.
/// <see cref="IClipGenerator.AwaitAsync"/> returns <see cref="JobOutcome"/> (completed, failed by the
/// service with its reason, refused as invalid input, expired). <see cref="IClipGenerator.FetchAsync"/>
/// throws <see cref="ClipExpiredException"/> when the output is gone. Its client retries a create on
/// its own only when the failure proves no job exists, unless it sends an idempotency key.</item>
/// <item>Its <see cref="Capabilities"/> say truthfully how a lost create is recovered
/// (<see cref="LostCreateRecovery"/>): with <see cref="LostCreateRecovery.None"/> the pipeline marks
/// such a clip in doubt and names <see cref="ProviderCapabilities.Dashboard"/> in the summary.</item>
/// <item>Its model profiles: a <c>profiles.yaml</c> in its folder, embedded as a resource and
/// returned by <see cref="ProfilesYaml"/> (the catalog adds it to the built-in profiles), with
/// <c>backends: [&lt;name&gt;]</c>, <c>price_source</c> and <c>price_checked</c>.</item>
/// <item>One line in <see cref="ProviderRegistry.BuiltIn"/>.</item>
/// </list>
/// <para>Tests register a provider of their own (or replace a provider's generator with
/// <see cref="ProviderRegistry.WithGenerator"/>) and hand the registry to a
/// <see cref="ClipGeneratorFactory"/>; no HTTP is needed to test the pipeline's rules.</para>
/// </remarks>
public interface IClipProvider
{
    /// <summary>The name scenes, profiles and <c>--backend</c> use: lower case, e.g. <c>openai</c>.</summary>
    string Name { get; }

    ProviderCapabilities Capabilities { get; }

    /// <summary>Part of every clip's cache key: change it when the same inputs would now give a different clip.</summary>
    string CacheVersion => "1";

    /// <summary>The provider's own model profiles (YAML, the format of <c>recreate profiles --yaml</c>); null when it has none.</summary>
    string? ProfilesYaml => null;

    /// <summary>
    /// Resolves the provider's settings for <paramref name="target"/> from the user's settings, with
    /// the base URL and key decided by <c>EndpointPolicy.Resolve</c> (a scene may only ask for what
    /// <see cref="ProviderSettings.Security"/> allows). Sends nothing and writes nothing; a refusal, a
    /// missing key or a bad setting is exit 2 saying what to set.
    /// </summary>
    ProviderConnection Connect(ProviderTarget target, ProviderSettings settings);

    /// <summary>
    /// <c>recreate doctor</c>'s checks for <paramref name="target"/>: the key is set (never shown), the
    /// service answers, the model exists where the service can say so. Local providers have none.
    /// A scene asking for what the user's settings do not allow is refused (thrown, exit 2), not a failed check.
    /// </summary>
    Task<IReadOnlyList<ProviderCheck>> CheckAsync(ProviderTarget target, ProviderSettings settings, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ProviderCheck>>([]);
}