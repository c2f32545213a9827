namespace Recreation.Generation.OpenAI;

/// <summary>The answer to a delete.</summary>
public sealed record VideoDeletion(string Id, bool Deleted);