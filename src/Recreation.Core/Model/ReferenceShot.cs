namespace Recreation.Core.Model;

/// <summary>
/// Where a drafted scene's shot lies in the reference video (<c>reference_shot:</c>, written by
/// <c>recreate analyze -o</c>): the run's report compares the recreation with it.
/// </summary>
/// <param name="Start">Seconds from the reference's start to the shot's first frame.</param>
/// <param name="End">Seconds to just after the shot's last frame.</param>
/// <param name="Keyframe">Absolute path of the shot's middle keyframe image (inside the scene file's folder), or null.</param>
/// <param name="KeyframeAt">Seconds from the reference's start to that keyframe, or null.</param>
public sealed record ReferenceShot(decimal Start, decimal End, string? Keyframe, decimal? KeyframeAt);