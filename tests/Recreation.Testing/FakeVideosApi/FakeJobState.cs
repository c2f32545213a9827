using System.Globalization;
using System.Text.Json.Nodes;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>One job's mutable state inside <see cref="FakeVideoStore"/> (always used under its lock).</summary>
internal sealed class FakeJobState
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string Model { get; init; }

    public required string Prompt { get; init; }

    public required string Size { get; init; }

    public required int Seconds { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required int PollsToComplete { get; init; }

    public string? RemixedFromVideoId { get; init; }

    public string? IdempotencyKey { get; init; }

    public string? Fingerprint { get; init; }

    public FakeInputImage? InputImage { get; init; }

    /// <summary>Set by a <see cref="FakeFaultKind.FailJob"/> fault: the job ends failed with this.</summary>
    public FakeFault? Failure { get; init; }

    public string Status { get; set; } = "queued";

    public int Progress { get; set; }

    public int Polls { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public bool Deleted { get; set; }

    public (int Width, int Height) Dimensions
    {
        get
        {
            var parts = Size.Split('x');
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
    }

    public bool IsTerminal => Status is not ("queued" or "in_progress");

    /// <summary>Moves the job on: by one poll when <paramref name="poll"/>, and by the time passed since its creation; while <paramref name="held"/>, it does not finish.</summary>
    public void Advance(DateTimeOffset now, TimeSpan jobDuration, bool poll, bool held = false)
    {
        if (IsTerminal)
        {
            return;
        }

        if (poll)
        {
            Polls++;
        }

        var byPolls = Math.Min(1.0, Polls / (double)PollsToComplete);
        var byTime = jobDuration <= TimeSpan.Zero ? 1.0 : Math.Clamp((now - CreatedAt) / jobDuration, 0, 1);
        var done = held ? Math.Min(Math.Min(byPolls, byTime), 0.99) : Math.Min(byPolls, byTime);
        if (done >= 1)
        {
            Status = Failure is null ? "completed" : "failed";
            Progress = Failure is null ? 100 : Progress;
            CompletedAt = now;
        }
        else if (done > 0)
        {
            Status = "in_progress";
            Progress = Math.Clamp((int)(done * 100), 1, 99);
        }
    }

    public DateTimeOffset? ExpiresAt(TimeSpan lifetime) => Status == "completed" && CompletedAt is { } at ? at + lifetime : null;

    public FakeVideoJob Snapshot() => new(
        Id, Model, Prompt, Size, Seconds, CreatedAt, Status, Progress, Polls, Status == "failed" ? Failure?.ErrorCode : null,
        RemixedFromVideoId, IdempotencyKey, InputImage, Deleted);

    /// <summary>The video object as the API returns it.</summary>
    public JsonObject ToJson(TimeSpan contentLifetime) => new()
    {
        ["id"] = Id,
        ["object"] = "video",
        ["model"] = Model,
        ["status"] = Status,
        ["progress"] = Progress,
        ["created_at"] = CreatedAt.ToUnixTimeSeconds(),
        ["completed_at"] = CompletedAt?.ToUnixTimeSeconds(),
        ["expires_at"] = ExpiresAt(contentLifetime)?.ToUnixTimeSeconds(),
        ["prompt"] = Prompt,
        ["size"] = Size,
        ["seconds"] = Seconds.ToString(CultureInfo.InvariantCulture),
        ["remixed_from_video_id"] = RemixedFromVideoId,
        ["error"] = Status == "failed" && Failure is not null
            ? new JsonObject { ["code"] = Failure.ErrorCode, ["message"] = Failure.Message }
            : null,
    };
}