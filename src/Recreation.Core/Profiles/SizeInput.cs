namespace Recreation.Core.Profiles;

/// <summary>The field a model takes the clip's size in, and how the size is written there.</summary>
public sealed record SizeInput(string Field, SizeFormat Format);