namespace Recreation.Core.Model;

/// <summary>A recurring character. Its description and every anchor go verbatim into each clip it appears in.</summary>
public sealed record Character(string Id, string Description, ValueList<string> Anchors);