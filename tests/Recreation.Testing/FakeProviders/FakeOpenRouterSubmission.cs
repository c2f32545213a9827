using System.Text.Json.Nodes;

namespace Recreation.Testing.FakeProviders;

/// <summary>One video job the fake OpenRouter accepted: its id and the request body exactly as sent.</summary>
public sealed record FakeOpenRouterSubmission(string JobId, string Model, JsonObject Body);