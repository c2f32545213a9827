using System.Text.Json.Nodes;

namespace Recreation.Testing.FakeProviders;

/// <summary>One request the fake fal queue accepted: its id, the model id from the URL and the input JSON exactly as sent.</summary>
public sealed record FakeFalSubmission(string RequestId, string ModelId, JsonObject Input);