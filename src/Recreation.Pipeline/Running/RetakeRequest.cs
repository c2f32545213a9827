namespace Recreation.Pipeline.Running;

/// <summary>What <c>recreate retake</c> asks for one clip: a new take with a note or a remix, or picking an existing take.</summary>
/// <param name="PromptNote">Words added to the clip's prompt for a new take.</param>
/// <param name="Remix">The change to ask of the remix endpoint, starting from the selected take.</param>
/// <param name="Take">Use this take in the stitch (no new generation).</param>
public sealed record RetakeRequest(string ClipId, string? PromptNote = null, string? Remix = null, int? Take = null);