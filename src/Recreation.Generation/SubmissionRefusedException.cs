using Recreation.Core;

namespace Recreation.Generation;

/// <summary>
/// A create that provably started no job: the connection was refused, or the service answered with
/// an error (after the client's own retries). A generator throws only this for such failures; any
/// other exception from <see cref="IClipGenerator.SubmitAsync"/> means the request may have reached
/// the service and its answer was lost, so a job may exist. The pipeline sends a refused create
/// again on the next run without asking; a lost one is reconciled or becomes in doubt.
/// </summary>
public sealed class SubmissionRefusedException : RecreationException
{
    /// <param name="invalidInput">The service refused the input itself (the prompt, an image, a length): the user must change the scene.</param>
    /// <param name="isFatal">No other clip can succeed either (a wrong key, no quota): the run stops.</param>
    public SubmissionRefusedException(string message, bool invalidInput, bool isFatal = false, Exception? innerException = null)
        : base(message, ExitCodes.RunFailed, isFatal, innerException) => InvalidInput = invalidInput;

    public bool InvalidInput { get; }
}