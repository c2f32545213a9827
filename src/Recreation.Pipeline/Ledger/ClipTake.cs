namespace Recreation.Pipeline.Ledger;

/// <summary>
/// One take of a clip. Take 1 is the clip as first generated; later takes are generated under a
/// ledger line of their own (<see cref="RecordId"/>), so they get the same protection against
/// paying twice as any clip.
/// </summary>
/// <param name="Note">The words added to the prompt (<c>--prompt-note</c>).</param>
/// <param name="Remix">The change asked of the remix endpoint (<c>--remix</c>).</param>
public sealed record ClipTake(int Number, string RecordId, string? Note, string? Remix, DateTimeOffset CreatedAt);