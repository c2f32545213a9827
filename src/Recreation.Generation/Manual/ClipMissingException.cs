using Recreation.Core;

namespace Recreation.Generation.Manual;

/// <summary>
/// A manual run's clip that no one has imported yet. Not a failure: the run records the clip as
/// missing, lists it in the shot list and exits with <see cref="ExitCodes.WaitingForClips"/>.
/// </summary>
public sealed class ClipMissingException(string clipId)
    : RecreationException($"Clip {clipId} has not been imported yet.", ExitCodes.WaitingForClips)
{
    public string ClipId { get; } = clipId;
}