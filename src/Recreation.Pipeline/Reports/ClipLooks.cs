using System.Text.Json;

using Recreation.Media;
using Recreation.Media.Files;
using Recreation.Media.Frames;
using Recreation.Media.Probing;

namespace Recreation.Pipeline.Reports;

/// <summary>
/// The clips' thumbnails (first, middle, last) and measured palettes for their report cards, kept
/// in the workspace's <c>report/</c> folder by the clip file's name (clip files are named by their
/// content's key) and size, so a rerun that changes nothing runs no ffmpeg for them. What is not
/// kept is measured in one ffmpeg run for all the clips (<see cref="LookExtractor"/>), from the
/// probes the run already made where it has them; a clip that cannot be measured gets its problem
/// and the others their looks.
/// </summary>
internal sealed class ClipLooks(FFmpegRunner runner, string folder)
{
    internal sealed record Look(long Length, IReadOnlyList<byte[]?> Thumbnails, IReadOnlyList<PaletteColor> Palette);

    /// <summary>A clip's look, or why it has none.</summary>
    internal sealed record Measured(Look? Look, string? Problem);

    /// <param name="clips">Full paths of existing clip files.</param>
    /// <param name="probed">Probes the run already made (used for a clip whose path and size match).</param>
    public async Task<IReadOnlyDictionary<string, Measured>> OfAsync(IReadOnlyList<string> clips, IEnumerable<MediaInfo> probed, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, Measured>(StringComparer.Ordinal);
        var known = new Dictionary<string, MediaInfo>(StringComparer.Ordinal);
        foreach (var info in probed)
        {
            known[info.Path] = info;
        }

        var missing = new List<(string Path, long Length)>();
        foreach (var clip in clips.Distinct(StringComparer.Ordinal))
        {
            var length = new FileInfo(clip).Length;
            if (Read(CachePath(clip)) is { } kept && kept.Length == length)
            {
                results[clip] = new Measured(kept, null);
            }
            else
            {
                missing.Add((clip, length));
            }
        }

        var infos = await Task.WhenAll(missing.Select(m => ProbeAsync(m.Path, m.Length, known, cancellationToken)));
        foreach (var (path, problem) in infos.Where(i => i.Problem is not null).Select(i => (i.Path, i.Problem)))
        {
            results[path] = new Measured(null, problem);
        }

        foreach (var group in LookExtractor.Groups(infos.Where(i => i.Info is not null).Select(i => i.Info!).ToList()))
        {
            foreach (var (path, measured) in await MeasureAsync(group, cancellationToken))
            {
                if (measured.Look is { } look)
                {
                    await WriteAsync(path, look, cancellationToken);
                }

                results[path] = measured;
            }
        }

        return results;
    }

    /// <summary>Keeps a look measured elsewhere (during the clip's conform) as if this had measured it.</summary>
    public Task KeepAsync(ClipLook look, CancellationToken cancellationToken) =>
        WriteAsync(look.Path, new Look(new FileInfo(look.Path).Length, look.Thumbnails, look.Palette), cancellationToken);

    private async Task WriteAsync(string clip, Look look, CancellationToken cancellationToken)
    {
        AtomicFile.CreateFolder(folder);
        await AtomicFile.WriteAllTextAsync(CachePath(clip), JsonSerializer.Serialize(look), cancellationToken);
    }

    /// <summary>One ffmpeg run for the group; when it fails, each clip on its own, so one damaged clip leaves the others measured.</summary>
    private async Task<IReadOnlyList<(string Path, Measured Measured)>> MeasureAsync(IReadOnlyList<MediaInfo> group, CancellationToken cancellationToken)
    {
        var extractor = new LookExtractor(runner);
        try
        {
            return (await extractor.ExtractAsync(group, 5, cancellationToken: cancellationToken)).Select((l, i) => (l.Path, LookOf(group[i], l))).ToList();
        }
        catch (Exception e) when (Failures.IsItemFailure(e) && group.Count > 1)
        {
            // Some clip of the group could not be measured: find which, one clip per run.
        }

        var results = new List<(string, Measured)>();
        foreach (var info in group)
        {
            try
            {
                results.Add((info.Path, LookOf(info, (await extractor.ExtractAsync([info], 5, cancellationToken: cancellationToken))[0])));
            }
            catch (Exception e) when (Failures.IsItemFailure(e))
            {
                results.Add((info.Path, Problem(e)));
            }
        }

        return results;
    }

    private async Task<(string Path, MediaInfo? Info, string? Problem)> ProbeAsync(string clip, long length, Dictionary<string, MediaInfo> known, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(clip, out var info) && info.SizeBytes == length)
        {
            return (clip, info, null);
        }

        try
        {
            return (clip, await new MediaProbe(runner).ProbeAsync(clip, cancellationToken), null);
        }
        catch (Exception e) when (Failures.IsItemFailure(e))
        {
            return (clip, null, Problem(e).Problem);
        }
    }

    private static Measured LookOf(MediaInfo info, ClipLook look) => new(new Look(info.SizeBytes, look.Thumbnails, look.Palette), null);

    private static Measured Problem(Exception e) => new(null, "could not measure the clip: " + e.Message.Split('\n')[0]);

    private string CachePath(string clip) => Path.Combine(folder, Path.GetFileName(clip) + ".look.json");

    private static Look? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<Look>(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null; // a damaged cache entry is measured again
        }
    }
}