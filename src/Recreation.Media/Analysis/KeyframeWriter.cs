using System.Globalization;

using Recreation.Media.Processes;

namespace Recreation.Media.Analysis;

/// <summary>
/// Writes each shot's first, middle and last keyframe as PNG, at the video's shape and at most
/// <see cref="MaxWidth"/> wide: one ffmpeg run that selects those frame numbers (a second decode,
/// made only when images are asked for; the analysis itself decodes once).
/// </summary>
public sealed class KeyframeWriter(FFmpegRunner runner)
{
    public const int MaxWidth = 640;

    /// <summary>Writes the images into <paramref name="folder"/> as <c>shot-003-first.png</c> and so on; returns them by frame number.</summary>
    public async Task<IReadOnlyDictionary<int, string>> WriteAsync(VideoAnalysis analysis, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        Directory.CreateDirectory(folder);
        var width = Math.Min(MaxWidth, analysis.Width) / 2 * 2;
        var height = Math.Max(2, (int)Math.Round(width * (double)analysis.Height / analysis.Width / 2) * 2);
        var names = new SortedDictionary<int, string>();
        foreach (var shot in analysis.Shots)
        {
            foreach (var (which, frame) in new[] { ("first", shot.Keyframes.First), ("middle", shot.Keyframes.Middle), ("last", shot.Keyframes.Last) })
            {
                names.TryAdd(frame, string.Create(CultureInfo.InvariantCulture, $"shot-{shot.Number:000}-{which}.png"));
            }
        }

        var scratch = Path.Combine(folder, ".keyframes-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var select = string.Join("+", names.Keys.Select(n => string.Create(CultureInfo.InvariantCulture, $"eq(n,{n})")));
            var arguments = new ArgumentsBuilder()
                .Input(analysis.Path)
                .Add("-map", "0:v:0").Add("-an").Add("-sn")
                .Add("-vf", string.Create(CultureInfo.InvariantCulture, $"select='{select}',scale={width}:{height}:flags=lanczos,setsar=1"))
                .Add("-fps_mode", "passthrough")
                .Add("-start_number", "0")
                .Output(Path.Combine(scratch, "%06d.png"))
                .Build();
            await runner.RunAsync(MediaCommand.FFmpeg(arguments, $"writing the keyframes of '{analysis.Path}'"), cancellationToken).ConfigureAwait(false);
            var written = new Dictionary<int, string>();
            var index = 0;
            foreach (var (frame, name) in names)
            {
                var source = Path.Combine(scratch, string.Create(CultureInfo.InvariantCulture, $"{index++:000000}.png"));
                if (!File.Exists(source))
                {
                    throw new MediaException($"ffmpeg wrote no image for frame {frame} of '{analysis.Path}'; the file may be damaged after that point.") { FilePath = analysis.Path };
                }

                var target = Path.Combine(folder, name);
                File.Move(source, target, overwrite: true);
                written[frame] = target;
            }

            return written;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}