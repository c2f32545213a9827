using System.Globalization;
using System.Text.Json;

namespace Recreation.Generation.OpenAI;

/// <summary>
/// Maps the wire format (VIDEOS-API.md) to the public records, once, field by field through
/// <see cref="ServerJson"/>: the id is read first and is the only field that must be right; every
/// other field that is missing or odd is noted and left null. Lenient on purpose, because gateways
/// differ: unknown fields are ignored, numbers may come as strings and <c>seconds</c> as a number.
/// </summary>
internal static class VideoMapper
{
    private const int ShortField = 100;

    /// <summary>
    /// A video object. Without a usable <c>status</c> it throws, unless <paramref name="justCreated"/>:
    /// the answer to a create or remix stands for a job that now exists and is paid for, so its id is
    /// kept whatever else the answer says, and a missing status is taken as <c>queued</c> (the poll
    /// that follows reads the real one).
    /// </summary>
    public static Video ToVideo(JsonElement element, ServerJson json, bool justCreated = false)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the answer is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not a video object"));
        }

        var id = json.Id(element, "id", "the video object");
        var status = json.String(element, "status", ShortField);
        if (string.IsNullOrEmpty(status))
        {
            if (!justCreated)
            {
                throw new FormatException($"the video object '{id}' has no 'status'");
            }

            json.Note("'status' is missing; taken as queued");
            status = VideoStatus.Queued;
        }

        return new Video(
            id,
            status,
            (int)Math.Clamp(Math.Round(json.Number(element, "progress") ?? 0), 0, 100),
            json.String(element, "model", ShortField),
            json.WholeString(element, "prompt"),
            json.String(element, "size", ShortField),
            json.String(element, "seconds", ShortField),
            json.UnixTime(element, "created_at"),
            json.UnixTime(element, "completed_at"),
            json.UnixTime(element, "expires_at"),
            json.OptionalId(element, "remixed_from_video_id"),
            Error(element, json));
    }

    /// <summary>A page of the list; an entry that is not a usable video is noted and skipped.</summary>
    public static VideoList ToList(JsonElement element, ServerJson json)
    {
        var videos = new List<Video>();
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in data.EnumerateArray())
            {
                try
                {
                    videos.Add(ToVideo(item, json));
                }
                catch (FormatException ex)
                {
                    json.Note($"a listed video was skipped ({ex.Message})");
                }
            }
        }
        else
        {
            json.Note("the list has no 'data' array");
        }

        return new VideoList(videos, json.OptionalId(element, "first_id"), json.OptionalId(element, "last_id"), json.Boolean(element, "has_more") ?? false);
    }

    /// <summary>The answer to a delete.</summary>
    public static VideoDeletion ToDeletion(JsonElement element, ServerJson json, string videoId) =>
        new(json.OptionalId(element, "id") ?? videoId, json.Boolean(element, "deleted") ?? false);

    private static VideoError? Error(JsonElement element, ServerJson json)
    {
        if (json.Object(element, "error") is not { } error)
        {
            return null;
        }

        var code = json.String(error, "code", ShortField);
        var message = json.String(error, "message");
        return code is null && message is null ? null : new VideoError(code, message);
    }
}