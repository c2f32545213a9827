using Recreation.Core.Model;

namespace Recreation.Pipeline.Running;

/// <summary>What the command line may override for one run.</summary>
/// <param name="Force">Ignore cached clips and conformed clips: generate and conform everything again.</param>
public sealed record RunOptions(Backend? Backend = null, int? Concurrency = null, string? OutputPath = null, bool Force = false);