namespace Recreation.Core.Model;

/// <summary>One scene of the film. <see cref="Duration"/> is how long it lasts in the final video, in seconds.</summary>
/// <param name="People">Everyone visible; defaults to the number of characters.</param>
/// <param name="ReferenceImage">Absolute path of the first-frame image for the scene's first clip, or null.</param>
/// <param name="Transition">How this scene begins; null takes <c>output.transition</c>.</param>
public sealed record Scene(
    string Id,
    decimal Duration,
    string Description,
    ValueList<string> Characters,
    int People,
    ValueList<string> Interactions,
    ValueList<string> Physics,
    CameraSettings Camera,
    string? Lighting,
    ValueList<DialogueLine> Dialogue,
    string? ReferenceImage,
    TransitionSpec? Transition)
{
    /// <summary>Where the scene's shot lies in the reference video (<c>reference_shot:</c>, drafted by <c>analyze</c>), or null.</summary>
    public ReferenceShot? ReferenceShot { get; init; }
}