using System.Globalization;
using System.Text.Json;

using Recreation.Media.Processes;

namespace Recreation.Media.Probing;

/// <summary>Reads a file's chapters with <c>ffprobe -show_chapters</c>, in order; none when it has none.</summary>
public sealed class ChapterReader(FFmpegRunner runner)
{
    public async Task<IReadOnlyList<Chapter>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = Path.GetFullPath(path);
        var arguments = new ArgumentsBuilder().Add("-show_chapters").Add("-of", "json").Input(full).Build();
        var result = await runner.RunAsync(MediaCommand.FFprobe(arguments, $"reading the chapters of '{full}'"), cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(result.StandardOutput);
            if (!json.RootElement.TryGetProperty("chapters", out var chapters) || chapters.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return chapters.EnumerateArray()
                .Select(c => new Chapter(
                    c.TryGetProperty("tags", out var tags) && tags.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "",
                    Seconds(c, "start_time"),
                    Seconds(c, "end_time")))
                .OrderBy(c => c.Start)
                .ToList();
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new MediaException($"ffprobe's chapters of '{full}' could not be read: {e.Message}") { FilePath = full };
        }
    }

    private static TimeSpan Seconds(JsonElement chapter, string name) =>
        TimeSpan.FromSeconds(double.Parse(chapter.GetProperty(name).GetString() ?? "0", CultureInfo.InvariantCulture));
}