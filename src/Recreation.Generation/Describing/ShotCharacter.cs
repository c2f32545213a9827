namespace Recreation.Generation.Describing;

/// <summary>A person a chat model named in a shot: a short name, who they are, and what identifies them visually (clothes, hair, props).</summary>
public sealed record ShotCharacter(string Name, string Description, IReadOnlyList<string> Anchors);