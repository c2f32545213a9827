using System.Globalization;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Media.Audio;
using Recreation.Media.Conforming;
using Recreation.Media.Probing;
using Recreation.Media.Processes;
using Recreation.Media.Validation;

namespace Recreation.Media.Stitching;

/// <summary>
/// Joins clips into one MP4 (DESIGN.md §7, FFMPEG.md). <see cref="StitchAsync"/> probes the
/// clips and takes the stream-copy fast path when they already agree, else conforms them in
/// parallel and joins the intermediates. <see cref="JoinConformedAsync"/> joins intermediates a
/// pipeline conformed (and cached) itself. Either way the output appears at its path only
/// complete and verified.
/// </summary>
public sealed class Stitcher
{
    private readonly FFmpegRunner _runner;
    private readonly ILogger _logger;
    private readonly MediaProbe _probe;
    private readonly Conformer _conformer;
    private readonly OutputWriter _writer;

    public Stitcher(FFmpegRunner runner, ILogger<Stitcher>? logger = null)
    {
        _runner = runner ?? throw new ArgumentNullException(nameof(runner));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _probe = new MediaProbe(runner);
        _conformer = new Conformer(runner);
        _writer = new OutputWriter(runner, _logger);
    }

    /// <summary>How many clips are conformed at once: half the cores (each x264 run uses several threads).</summary>
    public static int ConformParallelism => Math.Max(1, Environment.ProcessorCount / 2);

    public async Task<StitchResult> StitchAsync(StitchRequest request, IProgress<StitchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var transitions = CheckShape(request.Clips.Count, request.Transitions);
        if (!request.SettingsFromFirstClip)
        {
            request.Settings.Validate();
        }

        var name = (Func<int, string>)(i => FastPathPlanner.Name(request.Clips, i));

        var probing = new PhaseProgress(progress, StitchPhase.Probing);
        probing.Start();
        var infos = await ProbeClipsAsync(request.Clips, request.Decode, name, cancellationToken).ConfigureAwait(false);
        await CheckMusicAsync(request.Settings.Finishing, cancellationToken).ConfigureAwait(false);
        probing.Done();
        if (request.SettingsFromFirstClip)
        {
            request = request with { Settings = FromFirstClip(request.Settings, infos[0]) };
            request.Settings.Validate();
        }

        var decision = FastPathPlanner.Decide(infos, request.Clips, transitions, request.Settings);
        _logger.LogInformation("Stitching {ClipCount} clips into {OutputPath} by {StitchPath}: {Reason}", infos.Length, request.OutputPath, decision.Path, decision.Reason);

        if (decision.Path == StitchPath.StreamCopy)
        {
            using var copyWork = new WorkFolder(request.WorkDirectory);
            return await StreamCopyAsync(request, infos, decision, copyWork, progress, cancellationToken).ConfigureAwait(false);
        }

        // Refuse transitions that cannot fit before spending minutes conforming.
        var planned = infos.Select((info, i) => Conformer.PlanFrames(info, info.Video!, request.Settings.ConformSpec(request.Clips[i].TrimTo, i, infos.Length))).ToList();
        TransitionGraph.CheckFit(planned, transitions, request.Settings.Fps, name);

        using var work = new WorkFolder(request.WorkDirectory);

        var conformed = await ConformAllAsync(request, infos, planned, name, work, progress, cancellationToken).ConfigureAwait(false);
        return await JoinAsync(conformed, transitions, request.OutputPath, request.Settings.LoudnessLufs, FinishingOf(request.Settings), decision, name, work, progress, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StitchResult> JoinConformedAsync(JoinRequest request, IProgress<StitchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var transitions = CheckShape(request.ConformedPaths.Count, request.Transitions);
        if (request.LoudnessLufs is { } target)
        {
            LoudnessMeter.ValidateTarget(target);
        }

        var name = (Func<int, string>)(i => $"conformed clip {i + 1} ('{Path.GetFileName(request.ConformedPaths[i])}')");
        var probing = new PhaseProgress(progress, StitchPhase.Probing);
        probing.Start();
        var infos = await Task.WhenAll(request.ConformedPaths.Select(p => _probe.ProbeAsync(p, cancellationToken))).ConfigureAwait(false);
        await CheckMusicAsync(request.Finishing, cancellationToken).ConfigureAwait(false);
        probing.Done();

        var first = infos[0].Video ?? throw new MediaException($"{name(0)} has no video stream.");
        var problems = infos
            .Select((info, i) => IntermediateFormat.Mismatch(info, first.Width, first.Height, first.FrameRate) is { } why ? $"{name(i)}: {why}" : null)
            .OfType<string>()
            .ToList();
        if (problems.Count > 0)
        {
            throw new MediaException("These files are not intermediates of one conform spec, so they cannot be joined as such (conform them with Conformer, or use StitchAsync): "
                + string.Join("; ", problems) + ".");
        }

        var spec = new ConformSpec(first.Width, first.Height, FitMode.Cover, first.FrameRate);
        var clips = infos.Select(info => new ConformedClip(info.Path, spec, info.Video!.FrameCount ?? spec.FrameCount(info.VideoDuration))).ToList();
        var decision = new StitchDecision(StitchPath.Conform, "the clips were conformed by the caller");
        using var work = new WorkFolder(request.WorkDirectory);
        return await JoinAsync(clips, transitions, request.OutputPath, request.LoudnessLufs, request.Finishing, decision, name, work, progress, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StitchResult> JoinAsync(
        IReadOnlyList<ConformedClip> clips, IReadOnlyList<Transition> transitions, string outputPath, double? loudness, Finishing finishing,
        StitchDecision decision, Func<int, string> name, WorkFolder work, IProgress<StitchProgress>? progress, CancellationToken cancellationToken)
    {
        var spec = clips[0].Spec;
        var joining = new PhaseProgress(progress, StitchPhase.Joining);
        joining.Start();
        IReadOnlyList<string> input;
        long frames, overlap = 0;
        if (transitions.All(t => t.IsCut))
        {
            input = await ConcatList.WriteAsync(work.File("join.txt"), clips.Select(c => new ConcatList.Entry(c.Path, c.Duration)), cancellationToken).ConfigureAwait(false);
            frames = clips.Sum(c => c.FrameCount);
        }
        else
        {
            var graph = TransitionGraph.Build(clips.Select(c => c.FrameCount).ToList(), transitions, spec.Fps, name);
            var joined = await new TransitionJoiner(_runner).JoinAsync(clips, graph, work.File("joined" + IntermediateFormat.Extension), joining, cancellationToken).ConfigureAwait(false);
            input = new ArgumentsBuilder().Input(joined).Build();
            (frames, overlap) = (graph.TotalFrames, graph.OverlapFrames);
        }

        joining.Done();
        var job = new OutputJob(input, outputPath, spec.Width, spec.Height, spec.Fps, frames, HasAudio: true, AudioIsFinal: false, loudness) { Finishing = finishing };
        var (report, output) = await _writer.WriteAsync(job, progress, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Wrote {OutputPath}: {FrameCount} frames, {DurationSeconds:0.###} s, transitions overlapped {OverlapSeconds:0.###} s",
            output.Path, frames, job.Duration.TotalSeconds, spec.DurationOf(overlap).TotalSeconds);
        return new StitchResult(output.Path, decision.Path, decision.Reason, frames, job.Duration, spec.DurationOf(overlap), report, output);
    }

    private async Task<StitchResult> StreamCopyAsync(StitchRequest request, IReadOnlyList<MediaInfo> infos, StitchDecision decision, WorkFolder work, IProgress<StitchProgress>? progress, CancellationToken cancellationToken)
    {
        var settings = request.Settings;
        var spec = settings.ConformSpec();
        var clipFrames = infos.Select(info => info.Video!.FrameCount ?? spec.FrameCount(info.VideoDuration)).ToList();
        var entries = infos.Select((info, i) => new ConcatList.Entry(info.Path, spec.DurationOf(clipFrames[i]),
            info.Audio?.Duration > info.VideoDuration ? spec.DurationOf(clipFrames[i]) : null));
        var input = await ConcatList.WriteAsync(work.File("copy.txt"), entries, cancellationToken).ConfigureAwait(false);
        var frames = clipFrames.Sum();
        var audio = infos[0].Audio;
        var audioIsFinal = audio is { Codec: "aac", SampleRate: 48000, Channels: 2 };
        var job = new OutputJob(input, request.OutputPath, settings.Width, settings.Height, settings.Fps, frames, audio is not null, audioIsFinal, settings.LoudnessLufs) { Finishing = FinishingOf(settings) };
        var (report, output) = await _writer.WriteAsync(job, progress, cancellationToken).ConfigureAwait(false);
        return new StitchResult(output.Path, decision.Path, decision.Reason, frames, job.Duration, TimeSpan.Zero, report, output);
    }

    private async Task<MediaInfo[]> ProbeClipsAsync(IReadOnlyList<StitchClip> clips, DecodeCheck decode, Func<int, string> name, CancellationToken cancellationToken)
    {
        var validator = new MediaValidator(_runner);
        var report = await validator.ValidateAllAsync(
            clips.Select((c, i) => new MediaValidationRequest(c.Path) { Label = name(i), MinimumDuration = c.TrimTo, Decode = decode }),
            cancellationToken).ConfigureAwait(false);
        if (!report.IsValid)
        {
            throw new InvalidMediaException($"Cannot stitch: {report}", report);
        }

        return report.Files.Select(f => f.Info!).ToArray();
    }

    /// <summary>A music bed must be a readable file with sound: checked before any work, so a wrong file costs nothing.</summary>
    private async Task CheckMusicAsync(Finishing finishing, CancellationToken cancellationToken)
    {
        if (finishing.Music is not { } music)
        {
            return;
        }

        MediaInfo? info = null;
        MediaProblem? problem = null;
        try
        {
            info = await _probe.ProbeAsync(music.Path, cancellationToken).ConfigureAwait(false);
            if (!info.HasAudio)
            {
                problem = new MediaProblem(MediaProblemKind.NoAudio, "the music file has no audio stream");
            }
        }
        catch (MediaException e) when (!e.IsFatal)
        {
            problem = new MediaProblem(File.Exists(music.Path) ? MediaProblemKind.NotMedia : MediaProblemKind.Missing, $"the music file cannot be read: {e.Message}");
        }

        if (problem is not null)
        {
            var report = new MediaValidationReport([new MediaValidationResult(music.Path, "music", info, [problem])]);
            throw new InvalidMediaException($"Cannot use '{music.Path}' as the music bed: {problem.Message}.", report);
        }
    }

    /// <summary>Conforms every clip, cores/2 at a time; progress is weighted by each clip's planned frames.</summary>
    private async Task<IReadOnlyList<ConformedClip>> ConformAllAsync(
        StitchRequest request, IReadOnlyList<MediaInfo> infos, IReadOnlyList<long> plannedFrames, Func<int, string> name, WorkFolder work,
        IProgress<StitchProgress>? progress, CancellationToken cancellationToken)
    {
        var results = new ConformedClip[infos.Count];
        var failures = new string?[infos.Count];
        var phase = new PhaseProgress(progress, StitchPhase.Conforming);
        double totalFrames = plannedFrames.Sum();
        var done = new double[infos.Count];
        phase.Start();
        var options = new ParallelOptions { MaxDegreeOfParallelism = ConformParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, infos.Count), options, async (i, token) =>
        {
            var clipProgress = new CallbackProgress<double>(fraction =>
            {
                lock (done)
                {
                    done[i] = fraction * plannedFrames[i];
                    phase.Report(done.Sum() / totalFrames);
                }
            });
            var output = work.File(string.Create(CultureInfo.InvariantCulture, $"clip-{i:D4}{IntermediateFormat.Extension}"));
            try
            {
                results[i] = await _conformer.ConformAsync(infos[i], output, request.Settings.ConformSpec(request.Clips[i].TrimTo, i, infos.Count), clipProgress, token).ConfigureAwait(false);
            }
            catch (MediaException ex) when (!ex.IsFatal)
            {
                // One clip failing must not hide the others' outcome: collect, report all at the end.
                failures[i] = $"{name(i)}: {ex.Message}";
            }
        }).ConfigureAwait(false);

        var failed = failures.OfType<string>().ToList();
        if (failed.Count > 0)
        {
            throw new MediaException($"Cannot stitch: {failed.Count} of {infos.Count} clips failed to conform:\n- " + string.Join("\n- ", failed));
        }

        phase.Done();
        return results;
    }

    /// <summary>The settings with a zero size or rate taken from the first clip (see <see cref="StitchRequest.SettingsFromFirstClip"/>).</summary>
    internal static StitchSettings FromFirstClip(StitchSettings settings, MediaInfo first)
    {
        var video = first.Video!;
        var (width, height) = settings.Width > 0 && settings.Height > 0
            ? (settings.Width, settings.Height)
            : (video.DisplayWidth / 2 * 2, video.DisplayHeight / 2 * 2);
        var fps = settings.Fps.IsPositive ? settings.Fps : new Rational(Math.Max(1, (long)Math.Round(video.FrameRate.ToDouble())), 1);
        return settings with { Width = width, Height = height, Fps = fps };
    }

    /// <summary>The settings' finishing, with the music bed fading in and out with the picture.</summary>
    private static Finishing FinishingOf(StitchSettings settings) => settings.Finishing.Music is { } music
        ? settings.Finishing with { Music = music with { FadeIn = settings.FadeIn, FadeOut = settings.FadeOut } }
        : settings.Finishing;

    private static IReadOnlyList<Transition> CheckShape(int clipCount, IReadOnlyList<Transition> transitions)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        if (clipCount == 0)
        {
            throw new MediaException("There is nothing to stitch: the list of clips is empty.");
        }

        if (transitions.Count == 0)
        {
            return Enumerable.Repeat(Transition.Cut, clipCount - 1).ToList();
        }

        return transitions.Count == clipCount - 1
            ? transitions
            : throw new MediaException($"{clipCount} clips need {clipCount - 1} transitions (one into each clip after the first), or none for all cuts; {transitions.Count} were given.");
    }
}