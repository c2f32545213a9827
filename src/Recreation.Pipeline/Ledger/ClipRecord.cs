using System.Text.Json.Serialization;

namespace Recreation.Pipeline.Ledger;

/// <summary>One clip's line in the ledger. Paths are relative to the workspace.</summary>
public sealed record ClipRecord
{
    public required string Id { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<ClipState>))]
    public ClipState State { get; init; } = ClipState.Planned;

    /// <summary>The hash of what shapes the clip; a different key means a different clip.</summary>
    public required string CacheKey { get; init; }

    public string? JobId { get; init; }

    /// <summary>When the last create call was about to be sent; with no <see cref="JobId"/> the job may exist anyway and is looked for before anything is sent again.</summary>
    public DateTimeOffset? SubmittingAt { get; init; }

    /// <summary>How many deliberate new jobs this clip has had (<c>--retry-failed</c>, <c>--regenerate-expired</c>, <c>--force</c>); part of the idempotency key.</summary>
    public int Round { get; init; }

    /// <summary>The server ended the job without a video (e.g. moderation): not resubmitted unless the user asks.</summary>
    public bool JobFailed { get; init; }

    /// <summary>The job was paid for but its video expired before it was downloaded.</summary>
    public bool Expired { get; init; }

    public int Attempts { get; init; }

    public int Seconds { get; init; }

    public decimal EstimatedUsd { get; init; }

    /// <summary>What the current job cost, counted when it completed.</summary>
    public decimal SpentUsd { get; init; }

    /// <summary>What earlier jobs of this clip cost (earlier versions of its prompt, retries, expired downloads); it stays spent.</summary>
    public decimal EarlierSpentUsd { get; init; }

    /// <summary>The generated clip, e.g. <c>clips/3fa9….mp4</c>.</summary>
    public string? File { get; init; }

    /// <summary>The clip conformed to the output format, e.g. <c>conformed/81c2….mov</c>.</summary>
    public string? Conformed { get; init; }

    public bool CacheHit { get; init; }

    /// <summary>
    /// The SHA-256 of a manually imported clip file. A person may import a new take under the
    /// same clip key, so it is part of the conformed clip's key.
    /// </summary>
    public string? ImportedSha256 { get; init; }

    public string? Error { get; init; }

    /// <summary>Every take of this clip (take 1 is the first generation), kept in the workspace; null until the first retake.</summary>
    public IReadOnlyList<ClipTake>? Takes { get; init; }

    /// <summary>The first generation's file once there are takes (<see cref="File"/> then points at the selected take).</summary>
    public string? FirstTakeFile { get; init; }

    /// <summary>The take the stitch uses (<c>recreate retake --take N</c>); null for the first generation.</summary>
    public int? SelectedTake { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}