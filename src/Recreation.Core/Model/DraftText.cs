namespace Recreation.Core.Model;

/// <summary>
/// Text a tool drafted but no one has written yet: a scene description starting with
/// <see cref="Marker"/> (as <c>recreate analyze</c> writes them). <c>validate</c> warns about it and
/// a paid run refuses it: a placeholder is not worth paying a model for.
/// </summary>
public static class DraftText
{
    public const string Marker = "TODO:";

    public static bool IsUnwritten(string? text) => text is not null && text.TrimStart().StartsWith(Marker, StringComparison.Ordinal);
}