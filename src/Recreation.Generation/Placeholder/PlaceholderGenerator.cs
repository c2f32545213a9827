using System.Globalization;

using Recreation.Core.Model;
using Recreation.Media;
using Recreation.Media.Files;
using Recreation.Media.Processes;

namespace Recreation.Generation.Placeholder;

/// <summary>
/// The offline default backend: renders a stand-in clip with FFmpeg at the generation size and
/// length, so a whole pipeline runs with no key, no network and no cost. Each clip shows its clip
/// id, scene, shot number and the first words of its prompt over a background from the palette,
/// with a tone of its own, so a person can tell in the final video which clip is which. Rendering
/// is deterministic (bit-exact flags, one thread), so the output is cacheable.
/// </summary>
public sealed class PlaceholderGenerator(FFmpegRunner runner) : IClipGenerator
{
    /// <summary>Bumped whenever the look changes, so cached placeholders are re-rendered (v2: labels drawn literally, issue 11.9).</summary>
    public const string RenderVersion = "placeholder-v2";

    private const int Fps = 30;

    public Task<GenerationJob> SubmitAsync(ClipRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult(new GenerationJob(request.ClipId, $"local-{request.CacheKey[..Math.Min(16, request.CacheKey.Length)]}"));

    public Task<JobOutcome> AwaitAsync(GenerationJob job, IProgress<double>? progress = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(JobOutcome.Success);

    public async Task FetchAsync(GenerationJob job, ClipRequest request, string destinationPath, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        // The caption goes through a file (no escaping of the prompt's words) that drawtext reads with
        // expansion=none, so "%{localtime}" or "%{eif:1/0:d}" in a prompt is drawn as written.
        var textFile = Path.Combine(Path.GetTempPath(), $"recreation-caption-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(textFile, Caption(request), cancellationToken);
        try
        {
            await AtomicFile.ProduceAsync(destinationPath, async partial =>
            {
                var command = MediaCommand.FFmpeg(Arguments(request, textFile, partial), $"rendering placeholder clip {request.ClipId}")
                    with
                { OutputPath = partial };
                await runner.RunAsync(command.WithProgress(progress, TimeSpan.FromSeconds(request.Seconds)), cancellationToken);
                return true;
            });
        }
        finally
        {
            AtomicFile.TryDelete(textFile);
        }
    }

    /// <summary>The words drawn on the clip: id, scene and shot, then the prompt's first words.</summary>
    public static string Caption(ClipRequest request)
    {
        var words = request.Prompt.Replace('\n', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = words.Length > 0 && words[0] == "Style:" ? Array.FindIndex(words, w => w.EndsWith('.')) + 1 : 0;
        var lead = string.Join(' ', words.Skip(start).Take(12));
        return $"{request.ClipId}\nscene {request.SceneId}, shot {request.Shot} of {request.Shots}\n{Wrap(lead, 40)}";
    }

    /// <summary>The ffmpeg arguments rendering the clip, its label read from <paramref name="textFile"/> as literal text.</summary>
    internal static IReadOnlyList<string> Arguments(ClipRequest request, string textFile, string output)
    {
        var (w, h) = (request.Size.Width, request.Size.Height);
        var seconds = request.Seconds.ToString(CultureInfo.InvariantCulture);
        var colours = Colours(request);
        var fontSize = Math.Max(10, h / 16);
        var frequency = 220 + (Math.Abs(StableHash(request.ClipId)) % 40 * 20);
        var video =
            $"color=c={colours.Background}:s={w}x{h}:r={Fps}:d={seconds}," +
            $"drawbox=x=0:y=ih*3/4:w=iw:h=ih/4:color={colours.Band}:t=fill," +
            $"drawbox=x='mod(t*iw/{seconds},iw)':y=ih*3/4:w=iw/40:h=ih/4:color=white@0.6:t=fill," +
            $"drawtext=textfile={FilterGraph.Literal(Path.GetFullPath(textFile))}:expansion=none:fontcolor=white:fontsize={fontSize}:line_spacing={fontSize / 3}:x=w/20:y=h/12:box=1:boxcolor=black@0.35:boxborderw={fontSize / 3}," +
            $"format=yuv420p";
        return new ArgumentsBuilder()
            .Add("-y")
            .Add("-f", "lavfi").Add("-i", video)
            .Add("-f", "lavfi").Add("-i", $"sine=f={frequency}:r=48000:d={seconds},volume=0.2,aformat=channel_layouts=stereo")
            .Add("-map", "0:v").Add("-map", "1:a")
            .Add("-c:v", "libx264").Add("-preset", "ultrafast").Add("-crf", "23").Add("-threads", "1")
            .Add("-c:a", "aac").Add("-b:a", "128k")
            .Add("-fflags", "+bitexact").Add("-flags:v", "+bitexact").Add("-flags:a", "+bitexact")
            .Add("-t", seconds)
            .Add("-movflags", "+faststart")
            .Output(output)
            .Build();
    }

    private static (string Background, string Band) Colours(ClipRequest request)
    {
        var palette = request.Palette.Count > 0 ? request.Palette : ["#2b4162", "#385f71", "#d7b377"];
        var background = palette[(request.Shot - 1 + Math.Abs(StableHash(request.SceneId))) % palette.Count];
        var band = palette[(request.Shot + Math.Abs(StableHash(request.SceneId))) % palette.Count];
        return ("0x" + background.TrimStart('#'), "0x" + band.TrimStart('#'));
    }

    private static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width)
            {
                lines.Add(line);
                line = "";
            }

            line = line.Length == 0 ? word : $"{line} {word}";
        }

        lines.Add(line);
        return string.Join('\n', lines.Take(3));
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised per process).</summary>
    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text)
            {
                hash = (hash * 31) + c;
            }

            return hash == int.MinValue ? 0 : hash;
        }
    }
}