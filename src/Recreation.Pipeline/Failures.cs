using Recreation.Core;
using Recreation.Media;
using Recreation.Media.Files;

namespace Recreation.Pipeline;

/// <summary>
/// The one place that says what a failure means, whichever layer threw it. Recreation has two
/// exception roots because Media knows nothing of Core: <see cref="RecreationException"/> and
/// <see cref="MediaException"/>. Both carry <c>IsFatal</c>; code that sees both asks here, as
/// DiscordChatExporter's <c>catch (… ex) when (!ex.IsFatal)</c> does, instead of testing each type.
/// </summary>
public static class Failures
{
    /// <summary>
    /// True when the failure belongs to one item (a clip, a file): record it and go on with the
    /// others. False for a fatal failure of ours (stop everything) and for any other exception,
    /// which is a bug and must not be swallowed as one item's failure.
    /// </summary>
    public static bool IsItemFailure(Exception exception) =>
        exception is RecreationException { IsFatal: false } or MediaException { IsFatal: false };

    /// <summary>
    /// The exit code for a failure of ours (its message is for the user as it is), or null for any
    /// other exception (a bug: the caller says so). An output that cannot be written (read-only
    /// folder, full disk) is the user's to fix, like invalid input: 2.
    /// </summary>
    public static int? ExitCodeOf(Exception exception) => exception switch
    {
        RecreationException recreation => recreation.ExitCode,
        OutputNotWritableException => ExitCodes.InvalidInput,
        MediaException => ExitCodes.RunFailed,
        _ => null,
    };

    /// <summary>True for a failure of ours (either root), whatever its exit code.</summary>
    public static bool IsOurs(Exception exception) => ExitCodeOf(exception) is not null;
}