using Recreation.Core;

namespace Recreation.Pipeline.Running;

/// <summary>
/// A paid clip whose create was sent but whose answer was lost, on a provider that can neither
/// list its jobs nor take an idempotency key: a job may exist and cost money, or not. It is never
/// sent again on its own; the message names the cost at risk and where to look.
/// </summary>
internal sealed class ClipInDoubtException(string clipId, string message)
    : RecreationException(message, ExitCodes.RunFailed, isFatal: false)
{
    public string ClipId { get; } = clipId;
}