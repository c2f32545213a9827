namespace Recreation.Generation.Gemini;

/// <summary>
/// A Veo long-running operation as last seen. A running operation may carry no <c>done</c> field at
/// all (protobuf JSON leaves out false), so <see cref="Done"/> is false unless the service said true.
/// A finished one either failed (<see cref="ErrorMessage"/>), was filtered by Google's safety
/// filters (<see cref="FilteredReasons"/>, no video, not billed), or has <see cref="VideoUris"/>.
/// </summary>
public sealed record GeminiOperation(
    string Name,
    bool Done,
    int? ErrorCode,
    string? ErrorMessage,
    IReadOnlyList<string> VideoUris,
    int FilteredCount,
    IReadOnlyList<string> FilteredReasons)
{
    public bool Succeeded => Done && ErrorMessage is null && ErrorCode is null && VideoUris.Count > 0;

    /// <summary>Done without a video because the safety filters removed it (<c>raiMediaFilteredCount</c>/<c>raiMediaFilteredReasons</c>).</summary>
    public bool Filtered => Done && ErrorMessage is null && ErrorCode is null && VideoUris.Count == 0 && (FilteredCount > 0 || FilteredReasons.Count > 0);

    /// <summary>Why it ended without a video, in the service's words; null while running or after success.</summary>
    public string? FailureReason =>
        !Done || Succeeded ? null
        : Filtered ? "filtered by Google's safety filters: " + (FilteredReasons.Count > 0 ? string.Join(" ", FilteredReasons) : "no reason given")
        : ErrorMessage is not null || ErrorCode is not null ? $"error {ErrorCode}: {ErrorMessage ?? "no message"}"
        : "the operation finished without a video";
}