namespace Recreation.Generation.Providers;

/// <summary>
/// What a provider can do, declared once so that callers ask instead of switching on its name
/// (STYLE "Capabilities, not switches"): the pipeline decides budget, retries, in-doubt clips and
/// checks from these; the command line decides what to say.
/// </summary>
public sealed record ProviderCapabilities
{
    /// <summary>Clips cost money: the budget applies and the cost is estimated from the profile's prices.</summary>
    public bool Paid { get; init; }

    /// <summary>A clip can start from an image (the scene's <c>reference_image</c>, or the previous clip's last frame).</summary>
    public bool FirstFrame { get; init; }

    /// <summary>A clip can be asked to end on an image.</summary>
    public bool LastFrame { get; init; }

    /// <summary>How many extra reference images (style, character) a clip may carry besides its first and last frame.</summary>
    public int ReferenceImages { get; init; }

    /// <summary>A finished job can be remixed (a change described in words) into a new take.</summary>
    public bool Remix { get; init; }

    /// <summary>A finished job can be extended by more seconds.</summary>
    public bool Extend { get; init; }

    /// <summary>What happens when a create's answer is lost; see <see cref="Providers.LostCreateRecovery"/>.</summary>
    public LostCreateRecovery LostCreateRecovery { get; init; }

    /// <summary>How long a finished job's output can be downloaded (null: until it is deleted). Outputs are fetched as soon as a job completes.</summary>
    public TimeSpan? OutputLifetime { get; init; }

    /// <summary>Jobs in flight at once when the scene sets no <c>target.concurrency</c>.</summary>
    public int DefaultConcurrency { get; init; } = 2;

    /// <summary>Any model profile can be run, whatever its <c>backends:</c> list says (the placeholder; manual).</summary>
    public bool RunsAnyProfile { get; init; }

    /// <summary>Clips are rendered on this machine, not downloaded (no decode check, nothing to reconcile).</summary>
    public bool RendersLocally { get; init; }

    /// <summary>A person makes the clips and imports them: nothing is submitted; a clip not imported yet is missing, not failed.</summary>
    public bool MadeByHand { get; init; }

    /// <summary>Where a person looks for the provider's jobs (its web console), named in the summary of an in-doubt clip; null when there is none.</summary>
    public string? Dashboard { get; init; }

    /// <summary>True when a create whose answer was lost cannot be recovered: the clip is in doubt (paid providers only; a free one just renders again).</summary>
    public bool LostCreateIsInDoubt => Paid && LostCreateRecovery == LostCreateRecovery.None;
}