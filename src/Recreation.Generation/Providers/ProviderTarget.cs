using Recreation.Core;
using Recreation.Core.Model;

namespace Recreation.Generation.Providers;

/// <summary>
/// What a provider connects to: the target (backend, model, size, …; with <c>--backend</c> or
/// <c>--model</c> already applied) and the compiled scene it came from, whose <c>target.connection</c>,
/// <c>base_url</c> and <c>api_key_env</c> (with their positions, for refusals) a provider passes to
/// <c>EndpointRequest.ForScene</c> and <c>EndpointPolicy.Resolve</c>. <see cref="Scene"/> is null
/// when there is none (<c>recreate doctor</c> without a scene).
/// </summary>
public sealed record ProviderTarget(TargetSettings Settings, CompiledScene? Scene)
{
    /// <summary>The scene's own target, with the provider named by <paramref name="backend"/> (<c>--backend</c>) when given.</summary>
    public static ProviderTarget For(CompiledScene scene, string? backend = null)
    {
        ArgumentNullException.ThrowIfNull(scene);
        return new(backend is null ? scene.File.Target : scene.File.Target with { Backend = backend }, scene);
    }
}