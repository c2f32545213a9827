namespace Recreation.Core.Model;

/// <summary>An optional music bed under the clips' own audio.</summary>
public sealed record MusicSettings(string Path, decimal Volume, bool Duck);