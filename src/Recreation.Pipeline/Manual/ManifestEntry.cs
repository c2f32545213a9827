namespace Recreation.Pipeline.Manual;

/// <summary>One line of a manifest: this clip is this file (already resolved to a full path).</summary>
public sealed record ManifestEntry(string ClipId, string File, string Manifest, int Line);