using System.Globalization;

using Microsoft.Extensions.Logging;

namespace Recreation.Generation.OpenAI;

// The reading half of VideosClient: one job, a page of jobs, the models, and the poll loop.
public sealed partial class VideosClient
{
    public async Task<Video> RetrieveAsync(string videoId, CancellationToken cancellationToken = default)
    {
        return (await RetrieveWithHintAsync(videoId, cancellationToken).ConfigureAwait(false)).Video;
    }

    /// <summary>One page of jobs; <paramref name="limit"/> 1–100 (server default 20), <paramref name="after"/> a cursor (the previous page's last id).</summary>
    public Task<VideoList> ListAsync(int? limit = null, string? after = null, VideoListOrder? order = null, CancellationToken cancellationToken = default)
    {
        if (limit is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 100);
        }

        var query = new List<string>();
        if (limit is { } l)
        {
            query.Add("limit=" + l.ToString(CultureInfo.InvariantCulture));
        }

        if (order is { } o)
        {
            query.Add("order=" + (o == VideoListOrder.Ascending ? "asc" : "desc"));
        }

        if (!string.IsNullOrEmpty(after))
        {
            query.Add("after=" + Uri.EscapeDataString(after));
        }

        var url = Url("videos") + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        return SendAsync(
            "listing videos",
            () => Get(url),
            (response, token) => ReadJsonAsync("listing videos", response, VideoMapper.ToList, token),
            _options.RequestTimeout,
            cancellationToken);
    }

    /// <summary>
    /// The ids of the models the service offers (<c>GET /models</c>), for <c>recreate doctor</c>.
    /// Retried like any call (set <see cref="OpenAIVideosOptions.MaxRetryAttempts"/> low for a quick check).
    /// </summary>
    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(
            "listing models",
            () => Get(Url("models")),
            (response, token) => ReadJsonAsync("listing models", response, (root, json) =>
            {
                var ids = new List<string>();
                if (root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty("data", out var data) && data.ValueKind == System.Text.Json.JsonValueKind.Array)
                {
                    foreach (var model in data.EnumerateArray())
                    {
                        if (json.String(model, "id", 200) is { Length: > 0 } text)
                        {
                            ids.Add(text);
                        }
                    }
                }

                return (IReadOnlyList<string>)ids;
            }, token),
            _options.RequestTimeout,
            cancellationToken);

    /// <summary>
    /// Polls until the job reaches a terminal status (anything but queued/in_progress) and returns it
    /// — completed or not: a failed job is an answer, see <see cref="Video.FailureReason"/>. Waits what
    /// the server asks (<c>openai-poll-after-ms</c>) within the configured bounds. Past
    /// <see cref="OpenAIVideosOptions.JobDeadline"/> it throws a non-fatal <see cref="VideosApiException"/>;
    /// the job itself goes on and can be awaited again.
    /// </summary>
    public async Task<Video> WaitAsync(string videoId, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        CheckVideoId(videoId);
        var deadline = _time.GetUtcNow() + _options.JobDeadline;
        while (true)
        {
            var (video, pollAfter) = await RetrieveWithHintAsync(videoId, cancellationToken).ConfigureAwait(false);
            progress?.Report(video.IsCompleted ? 1.0 : video.Progress / 100.0);
            if (video.IsTerminal)
            {
                _logger.LogInformation("{VideoId} ended {Status}{Reason}", video.Id, video.Status, video.Error is null ? "" : $" ({video.Error})");
                return video;
            }

            var wait = pollAfter ?? _options.PollInterval;
            wait = wait < _options.MinPollInterval ? _options.MinPollInterval : wait > _options.MaxPollInterval ? _options.MaxPollInterval : wait;
            if (_time.GetUtcNow() + wait > deadline)
            {
                throw new VideosApiException(
                    string.Create(CultureInfo.InvariantCulture,
                        $"{videoId} was still {video.Status} ({video.Progress} %) after the job deadline of {_options.JobDeadline}. The job was not cancelled and may still finish: run again to resume waiting for it, or raise the job deadline."),
                    statusCode: null, isTransient: false, isFatal: false);
            }

            _logger.LogDebug("{VideoId} is {Status} ({Progress} %); next poll in {WaitMs:0} ms", videoId, video.Status, video.Progress, wait.TotalMilliseconds);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<(Video Video, TimeSpan? PollAfter)> RetrieveWithHintAsync(string videoId, CancellationToken cancellationToken)
    {
        CheckVideoId(videoId);
        return SendAsync(
            $"retrieving {videoId}",
            () => Get(Url($"videos/{Uri.EscapeDataString(videoId)}")),
            async (response, token) => (await ReadVideoAsync("retrieving a video", response, token).ConfigureAwait(false), PollAfter(response)),
            _options.RequestTimeout,
            cancellationToken);
    }
}