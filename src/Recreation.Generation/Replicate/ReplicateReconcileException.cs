namespace Recreation.Generation.Replicate;

/// <summary>
/// Replicate's prediction list could not tell whether a create whose answer was lost made a prediction
/// (too many predictions since, or their inputs already removed). The clip is in doubt: not sent
/// again on its own; the message says where to look.
/// </summary>
public sealed class ReplicateReconcileException(string message) : LostCreateUndecidedException(message);