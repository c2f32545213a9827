using System.Collections.Concurrent;
using System.Globalization;

using Recreation.Media;
using Recreation.Media.Processes;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>
/// The bytes the fake server sends for content: real media rendered once per size and length
/// (testsrc2 and a tone, through <see cref="SyntheticMedia"/>) and kept in a folder, so a test run
/// renders each shape once and later runs not at all. Safe across parallel servers and processes:
/// each render goes to a temp name and is renamed into place.
/// </summary>
internal sealed class FakeMediaCache(string folder)
{
    /// <summary>Bumped whenever the rendering changes, so old cached files are not reused.</summary>
    private const string Version = "v1";

    private static readonly FFmpegRunner Runner = new();
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Renders = new(StringComparer.Ordinal);

    public static string DefaultFolder => Path.Combine(Path.GetTempPath(), "recreation-fake-videos-api-cache");

    public Task<string> GetAsync(string variant, int width, int height, int seconds, CancellationToken cancellationToken)
    {
        var stem = string.Create(CultureInfo.InvariantCulture, $"{Version}-{width}x{height}-{seconds}s");
        return variant switch
        {
            "thumbnail" => RenderOnceAsync(Path.Combine(folder, stem + "-thumbnail.webp"), path => ThumbnailAsync(stem, width, height, seconds, path), cancellationToken),
            "spritesheet" => RenderOnceAsync(Path.Combine(folder, stem + "-spritesheet.jpg"), path => SpritesheetAsync(stem, width, height, seconds, path), cancellationToken),
            _ => VideoAsync(stem, width, height, seconds, cancellationToken),
        };
    }

    public static string ContentType(string variant) => variant switch
    {
        "thumbnail" => "image/webp",
        "spritesheet" => "image/jpeg",
        _ => "video/mp4",
    };

    private Task<string> VideoAsync(string stem, int width, int height, int seconds, CancellationToken cancellationToken) =>
        RenderOnceAsync(Path.Combine(folder, stem + ".mp4"), path => SyntheticMedia.CreateAsync(path, new SyntheticMediaOptions
        {
            Width = width,
            Height = height,
            FrameRate = 30,
            Duration = TimeSpan.FromSeconds(seconds),
        }), cancellationToken);

    private async Task<string> ThumbnailAsync(string stem, int width, int height, int seconds, string path)
    {
        var video = await VideoAsync(stem, width, height, seconds, CancellationToken.None).ConfigureAwait(false);
        var arguments = new ArgumentsBuilder()
            .Add("-y").Input(video)
            .Add("-frames:v", 1).Add("-c:v", "libwebp").Add("-quality", 80)
            .Output(path).Build();
        await Runner.RunAsync(MediaCommand.FFmpeg(arguments, $"rendering the fake thumbnail '{path}'") with { OutputPath = path }).ConfigureAwait(false);
        return path;
    }

    private async Task<string> SpritesheetAsync(string stem, int width, int height, int seconds, string path)
    {
        var video = await VideoAsync(stem, width, height, seconds, CancellationToken.None).ConfigureAwait(false);
        var arguments = new ArgumentsBuilder()
            .Add("-y").Input(video)
            .Add("-vf", string.Create(CultureInfo.InvariantCulture, $"fps=1,scale=160:-2,tile={Math.Max(1, seconds)}x1"))
            .Add("-frames:v", 1)
            .Output(path).Build();
        await Runner.RunAsync(MediaCommand.FFmpeg(arguments, $"rendering the fake spritesheet '{path}'") with { OutputPath = path }).ConfigureAwait(false);
        return path;
    }

    /// <summary>Runs <paramref name="render"/> once per path (in this process), into a temp name renamed into place.</summary>
    private static async Task<string> RenderOnceAsync(string path, Func<string, Task<string>> render, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return path;
        }

        var lazy = Renders.GetOrAdd(path, key => new Lazy<Task<string>>(() => RenderAsync(key, render)));
        try
        {
            // The render is shared: one caller giving up must not cancel it for the others.
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            Renders.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(path, lazy));
            throw;
        }
    }

    private static async Task<string> RenderAsync(string path, Func<string, Task<string>> render)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Guid.NewGuid():N}{Path.GetExtension(path)}");
        try
        {
            await render(temp).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
            return path;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}