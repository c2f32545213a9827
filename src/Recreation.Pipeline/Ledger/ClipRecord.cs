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

    public int Attempts { get; init; }

    public int Seconds { get; init; }

    public decimal EstimatedUsd { get; init; }

    public decimal SpentUsd { get; init; }

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

    public DateTimeOffset UpdatedAt { get; init; }
}