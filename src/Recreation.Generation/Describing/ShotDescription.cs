namespace Recreation.Generation.Describing;

/// <summary>What a chat model saw in one shot, checked against the schema and cut to the caps of <see cref="ShotDescriptionParser"/>.</summary>
/// <param name="Description">What the shot shows, in one or two sentences.</param>
/// <param name="People">Everyone visible (0–100).</param>
/// <param name="Interactions">The actions or beats, one short sentence each, in order.</param>
/// <param name="Characters">The recurring people, each with the visual anchors that identify them.</param>
/// <param name="Lighting">The light, in a few words.</param>
/// <param name="Framing">The camera's framing (close-up, medium, wide…), in a few words.</param>
public sealed record ShotDescription(
    string Description,
    int People,
    IReadOnlyList<string> Interactions,
    IReadOnlyList<ShotCharacter> Characters,
    string Lighting,
    string Framing);