namespace Recreation.Core.Model;

/// <summary>One spoken line: <c>{ mara: "Another day." }</c>.</summary>
public sealed record DialogueLine(string Speaker, string Text);