namespace Recreation.Generation.OpenAI;

/// <summary>Maps the wire DTOs to the public records, once, rejecting what a client cannot use (no id, no status).</summary>
internal static class VideoMapper
{
    public static Video ToVideo(VideoDto dto)
    {
        if (string.IsNullOrEmpty(dto.Id))
        {
            throw new FormatException("the video object has no 'id'");
        }

        if (string.IsNullOrEmpty(dto.Status))
        {
            throw new FormatException($"the video object '{dto.Id}' has no 'status'");
        }

        return new Video(
            dto.Id,
            dto.Status,
            (int)Math.Clamp(Math.Round(dto.Progress ?? 0), 0, 100),
            dto.Model,
            dto.Prompt,
            dto.Size,
            dto.Seconds,
            Time(dto.CreatedAt),
            Time(dto.CompletedAt),
            Time(dto.ExpiresAt),
            dto.RemixedFromVideoId,
            dto.Error is { } error && (error.Code is not null || error.Message is not null) ? new VideoError(error.Code, error.Message) : null);
    }

    public static VideoList ToList(VideoListDto dto) =>
        new((dto.Data ?? []).Select(ToVideo).ToList(), dto.FirstId, dto.LastId, dto.HasMore);

    private static DateTimeOffset? Time(double? unixSeconds) =>
        unixSeconds is { } seconds and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)) : null;
}