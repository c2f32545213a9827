namespace Recreation.Testing.FakeProviders;

/// <summary>One request as <see cref="FakeChatServer"/> saw it: its number, the Authorization header, the model, the shot it named, how many images it carried, and what was wrong with its shape (empty when nothing).</summary>
public sealed record FakeChatRequest(int Number, string? Authorization, string? Model, int? Shot, int Images, IReadOnlyList<string> Problems, int Status);