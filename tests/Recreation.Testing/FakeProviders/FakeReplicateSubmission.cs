using System.Text.Json.Nodes;

namespace Recreation.Testing.FakeProviders;

/// <summary>One prediction the fake Replicate API created: its id, the model (owner/name), the version if the create named one, the input JSON exactly as sent, and the <c>Prefer</c> header if any.</summary>
public sealed record FakeReplicateSubmission(string PredictionId, string Model, string? Version, JsonObject Input, string? Prefer);