using System.Globalization;

using Recreation.Media.Files;
using Recreation.Media.Probing;
using Recreation.Media.Processes;

namespace Recreation.Media.Comparing;

/// <summary>
/// Renders two videos side by side, segment by segment, in one ffmpeg run: each segment's two
/// parts are opened as inputs of their own (seeked, so nothing is buffered for later segments),
/// fitted into boxes of the same size (the left video's shape, <see cref="Height"/> high), held
/// on their last frame up to the segment's length, labelled with drawtext reading each label from
/// a file with <c>expansion=none</c> (a label is drawn as written, whatever it contains), stacked,
/// and the segments joined. Picture only (no sound). The output is written under a temporary name
/// and renamed when complete; a failed or cancelled run leaves nothing.
/// </summary>
public sealed class SideBySideRenderer(FFmpegRunner runner)
{
    public int Height { get; init; } = 360;

    public int Fps { get; init; } = 25;

    public async Task RenderAsync(string left, string right, IReadOnlyList<SideBySideSegment> segments, string output, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfZero(segments.Count);
        var leftInfo = await new MediaProbe(runner).ProbeAsync(left, cancellationToken).ConfigureAwait(false);
        var rightInfo = await new MediaProbe(runner).ProbeAsync(right, cancellationToken).ConfigureAwait(false);
        var aspect = leftInfo.Video?.DisplayAspectRatio ?? 16.0 / 9;
        var width = Math.Max(2, (int)Math.Round(Height * aspect / 2) * 2);
        var labels = Path.Combine(Path.GetTempPath(), "recreation-labels-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(labels);
        try
        {
            var arguments = new ArgumentsBuilder();
            var graph = new List<string>();
            for (var i = 0; i < segments.Count; i++)
            {
                var segment = segments[i];
                var length = segment.Length < TimeSpan.FromSeconds(1.0 / Fps) ? TimeSpan.FromSeconds(1.0 / Fps) : segment.Length;
                foreach (var (side, path, start, end, label) in new[] { ("l", leftInfo.Path, segment.LeftStart, segment.LeftEnd, segment.LeftLabel), ("r", rightInfo.Path, segment.RightStart, segment.RightEnd, segment.RightLabel) })
                {
                    var index = (2 * i) + (side == "l" ? 0 : 1);
                    var part = end > start ? end - start : TimeSpan.FromSeconds(1.0 / Fps);
                    arguments.Add("-ss", ArgumentsBuilder.Seconds(start)).Add("-t", ArgumentsBuilder.Seconds(part)).Input(path);
                    var labelFile = Path.Combine(labels, string.Create(CultureInfo.InvariantCulture, $"{index}.txt"));
                    await File.WriteAllTextAsync(labelFile, label, cancellationToken).ConfigureAwait(false);
                    graph.Add(string.Create(CultureInfo.InvariantCulture,
                        $"[{index}:v:0]setpts=PTS-STARTPTS,fps={Fps},scale={width}:{Height}:force_original_aspect_ratio=decrease,pad={width}:{Height}:(ow-iw)/2:(oh-ih)/2,setsar=1," +
                        $"tpad=stop_mode=clone:stop_duration={ArgumentsBuilder.Seconds(length)},trim=duration={ArgumentsBuilder.Seconds(length)},setpts=PTS-STARTPTS," +
                        $"drawtext=textfile={FilterGraph.Literal(labelFile)}:expansion=none:fontcolor=white:fontsize={Math.Max(10, Height / 18)}:x=10:y=10:box=1:boxcolor=black@0.55:boxborderw=6,format=yuv420p[{side}{i}]"));
                }

                graph.Add(string.Create(CultureInfo.InvariantCulture, $"[l{i}][r{i}]hstack=inputs=2[s{i}]"));
            }

            graph.Add(string.Concat(segments.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"[s{i}]"))) + string.Create(CultureInfo.InvariantCulture, $"concat=n={segments.Count}:v=1:a=0[out]"));
            var total = TimeSpan.FromTicks(segments.Sum(s => Math.Max(s.Length.Ticks, TimeSpan.FromSeconds(1.0 / Fps).Ticks)));
            AtomicFile.CreateFolder(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await AtomicFile.ProduceAsync(Path.GetFullPath(output), async partial =>
            {
                var command = arguments
                    .Add("-filter_complex", string.Join(';', graph)).Add("-map", "[out]").Add("-an").Add("-map_chapters", "-1").Add("-map_metadata", "-1")
                    .Add("-c:v", "libx264").Add("-preset", "veryfast").Add("-crf", "23").Add("-pix_fmt", "yuv420p")
                    .Add("-movflags", "+faststart").Add("-f", "mp4")
                    .Output(partial)
                    .Build();
                await runner.RunAsync(
                    MediaCommand.FFmpeg(command, $"rendering '{leftInfo.Path}' beside '{rightInfo.Path}'").WithProgress(progress, total) with { OutputPath = partial },
                    cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(labels, recursive: true);
        }
    }
}