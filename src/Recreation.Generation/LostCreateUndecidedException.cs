using Recreation.Core;

namespace Recreation.Generation;

/// <summary>
/// Thrown by <see cref="IClipGenerator.FindSubmittedAsync"/> when the provider's list cannot tell
/// whether a create whose answer was lost made a job (too many jobs since, or their inputs already
/// removed): neither found nor proved absent; or by <see cref="IClipGenerator.SubmitAsync"/> when a
/// create's answer was lost on a service where nothing could ever tell. The pipeline then treats the clip as in doubt, as on a
/// provider with no list: not sent again on its own, its estimate counted as at risk, and sent again
/// only when the user asks (<c>--resubmit-in-doubt</c>). The message says why and where to look.
/// </summary>
public class LostCreateUndecidedException(string message) : RecreationException(message, ExitCodes.RunFailed, isFatal: false);