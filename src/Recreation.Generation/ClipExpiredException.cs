using Recreation.Core;

namespace Recreation.Generation;

/// <summary>
/// The job finished (and was paid for) but its content can no longer be downloaded. The run reports
/// the clip with its cost and generates it again only when the user asks (<c>--regenerate-expired</c>).
/// </summary>
public sealed class ClipExpiredException(string message, Exception? inner = null)
    : RecreationException(message, ExitCodes.RunFailed, isFatal: false, inner);