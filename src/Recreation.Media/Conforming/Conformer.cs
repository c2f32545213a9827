using System.Globalization;

using Recreation.Media.Files;
using Recreation.Media.Frames;
using Recreation.Media.Probing;
using Recreation.Media.Processes;

namespace Recreation.Media.Conforming;

/// <summary>
/// Turns one clip into the run's intermediate (<see cref="IntermediateFormat"/>): exact size and
/// fit, constant frame rate, yuv420p, SAR 1, BT.709 tags, 48 kHz stereo PCM (silence when the
/// source has none), exactly round(d × F) frames long (FFMPEG.md's -t D, made frame-exact by trim filters). The file is written under a temp name and
/// renamed into place once the frame count ffmpeg reports checks out (no second probe: each
/// ffprobe start costs ~0.15 s of CPU, and the encoder settings are fixed).
/// </summary>
public sealed class Conformer(FFmpegRunner runner)
{
    private readonly MediaProbe _probe = new(runner);

    /// <summary>
    /// Also measure the conformed clip's look (<see cref="ConformedClip.Look"/>: first, middle and
    /// last thumbnails and its palette, as <see cref="LookExtractor"/> would from the file) in the
    /// conform's own ffmpeg run, from the frames it encodes: a report then needs no ffmpeg run of
    /// its own for the clip. The intermediate's bytes are the same either way.
    /// </summary>
    public bool MeasureLooks { get; init; }

    public async Task<ConformedClip> ConformAsync(string inputPath, string outputPath, ConformSpec spec, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        var input = await _probe.ProbeAsync(inputPath, cancellationToken).ConfigureAwait(false);
        return await ConformAsync(input, outputPath, spec, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Conforms an already probed clip (saves a probe when the caller has one).</summary>
    public async Task<ConformedClip> ConformAsync(MediaInfo input, string outputPath, ConformSpec spec, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        if (input.Video is not { } video)
        {
            throw new MediaException($"'{input.Path}' has no video stream, so it cannot be conformed.") { FilePath = input.Path };
        }

        var head = await HeadAsync(input, video, spec, cancellationToken).ConfigureAwait(false);
        var frames = PlanFrames(input, video, spec, head);
        var target = Path.GetFullPath(outputPath);
        using var looks = MeasureLooks ? new ConformLooks(frames, spec.DurationOf(frames)) : null;
        await AtomicFile.ProduceAsync(target, async partial =>
        {
            await EncodeAsync(input, video, spec, head, frames, partial, looks, progress, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        return new ConformedClip(target, spec, frames)
        {
            HeadTrimmed = head,
            Look = looks is null ? null : await looks.ReadAsync(target, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>The one ffmpeg run of a conform, into the temp file <paramref name="partial"/>.</summary>
    private async Task EncodeAsync(
        MediaInfo input, VideoStreamInfo video, ConformSpec spec, TimeSpan head, long frames, string partial, ConformLooks? looks, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var duration = spec.DurationOf(frames);

        // The audio is placed against the video's first frame (after the head), wherever its own stream starts.
        var videoStart = video.StartTime + head;
        var graph = (looks is null ? ConformFilters.Video(spec, frames, video, head) : ConformFilters.Video(spec, frames, video, head, output: "[c]") + ";" + looks.Graph("[c]", ConformFilters.VideoOut)) + ";"
            + ConformFilters.Audio(input.Audio, ConformFilters.SamplesFor(frames, spec.Fps), spec, frames, videoStart);
        var arguments = new ArgumentsBuilder()
            .Input(input.Path)
            .AddRange(input.HasAudio ? [] : ConformFilters.SilenceInput)
            .Add("-filter_complex", graph)
            .Add("-map", ConformFilters.VideoOut)
            .Add("-map", ConformFilters.AudioOut)
            .AddRange(IntermediateFormat.VideoEncoder(spec.Fps))
            .Add("-force_key_frames", IntermediateFormat.TransitionKeyframes(frames, spec.Fps))
            .AddRange(IntermediateFormat.AudioEncoder)
            // The graph cuts both streams exactly; -t half a frame later only guards against a stream that never ends.
            .Add("-t", duration + (spec.DurationOf(1) / 2))
            .AddRange(IntermediateFormat.Muxer(spec.Fps))
            .Output(partial)
            // The looks' outputs come after the intermediate: ffmpeg's progress counts the first output's frames.
            .AddRange(looks?.Outputs ?? [])
            .Build();
        var command = MediaCommand.FFmpeg(arguments, $"conforming '{input.Path}'")
            .WithProgress(progress, duration) with
        { OutputPath = partial };
        var result = await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
        if (result.FramesWritten != frames)
        {
            throw new MediaException($"Conforming '{input.Path}' wrote {result.FramesWritten} frames instead of {frames}. This is a bug in Recreation's conform graph; please report it with the source file.") { FilePath = input.Path };
        }
    }

    /// <summary>
    /// The head to cut: the spec's fixed length or the detected black/frozen opening, but never so
    /// much that the rest falls short of the share (then only what the clip can spare is cut).
    /// </summary>
    private async Task<TimeSpan> HeadAsync(MediaInfo input, VideoStreamInfo video, ConformSpec spec, CancellationToken cancellationToken)
    {
        if (spec.TrimHead is not { } trim)
        {
            return TimeSpan.Zero;
        }

        var wanted = trim.Fixed ?? await new HeadDetector(runner).DetectAsync(input, cancellationToken).ConfigureAwait(false);
        var spare = input.VideoDuration - (spec.TrimTo ?? spec.DurationOf(1));
        if (spec.TrimTo is not null)
        {
            spare += Validation.MediaValidator.Tolerance(video);
        }

        return wanted < spare ? wanted : spare > TimeSpan.Zero ? spare : TimeSpan.Zero;
    }

    /// <summary>
    /// round(d × F) frames, d = TrimTo or the source's video duration. A source shorter than TrimTo
    /// by more than max(0.1 s, 2 frames) is refused; within that, its last frame is held.
    /// </summary>
    internal static long PlanFrames(MediaInfo input, VideoStreamInfo video, ConformSpec spec, TimeSpan head = default)
    {
        var available = input.VideoDuration - head;
        if (spec.TrimTo is { } trim && trim - available > Validation.MediaValidator.Tolerance(video))
        {
            throw new MediaException(string.Create(CultureInfo.InvariantCulture,
                $"'{input.Path}' has {available.TotalSeconds:0.###} s of video, but {trim.TotalSeconds:0.###} s were asked for: use a longer clip or a shorter share."))
            { FilePath = input.Path };
        }

        var frames = spec.FrameCount(spec.TrimTo ?? available);
        return frames >= 1
            ? frames
            : throw new MediaException($"'{input.Path}' is shorter than one frame at {spec.Fps} fps.") { FilePath = input.Path };
    }
}