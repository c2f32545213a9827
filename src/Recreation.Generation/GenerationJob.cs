namespace Recreation.Generation;

/// <summary>A job a backend accepted. <see cref="JobId"/> is saved in the ledger the moment it is known, so a restart polls it instead of paying again.</summary>
public sealed record GenerationJob(string ClipId, string JobId);