using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Media.Audio;
using Recreation.Media.Conforming;
using Recreation.Media.Probing;

namespace Recreation.Media.Stitching;

/// <summary>
/// Joins clips into one MP4 (DESIGN.md §7, FFMPEG.md). <see cref="StitchAsync"/> probes the
/// clips and takes the stream-copy fast path when they already agree, else conforms them
/// (windowed, in one pass, or clip by clip) and joins them. <see cref="JoinConformedAsync"/> joins
/// intermediates a pipeline conformed (and cached) itself. Either way the route is decided once,
/// by <see cref="StitchRoutePlanner"/>, and carried out by one <see cref="StitchExecutor"/> per
/// path; the output appears at its path only complete and verified.
/// </summary>
public sealed class Stitcher
{
    private readonly ILogger _logger;
    private readonly StitchInputs _inputs;
    private readonly Dictionary<StitchPath, StitchExecutor> _executors;

    public Stitcher(FFmpegRunner runner, ILogger<Stitcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(runner);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _inputs = new StitchInputs(runner);
        _executors = new Dictionary<StitchPath, StitchExecutor>
        {
            [StitchPath.StreamCopy] = new StreamCopyExecutor(runner, _logger),
            [StitchPath.Windowed] = new WindowedExecutor(runner, _logger),
            [StitchPath.OnePass] = new OnePassExecutor(runner, _logger),
            [StitchPath.Conform] = new ConformJoinExecutor(runner, _logger),
        };
    }

    /// <summary>How many clips are conformed at once: half the cores (each x264 run uses several threads).</summary>
    public static int ConformParallelism => Math.Max(1, Environment.ProcessorCount / 2);

    public async Task<StitchResult> StitchAsync(StitchRequest request, IProgress<StitchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var transitions = StitchInputs.CheckShape(request.Clips.Count, request.Transitions);
        if (!request.SettingsFromFirstClip)
        {
            request.Settings.Validate();
        }

        var name = (Func<int, string>)(i => FastPathPlanner.Name(request.Clips, i));
        var probing = new PhaseProgress(progress, StitchPhase.Probing);
        probing.Start();
        var infos = await _inputs.ProbeClipsAsync(request.Clips, request.Decode, name, cancellationToken).ConfigureAwait(false);
        await _inputs.CheckMusicAsync(request.Settings.Finishing, cancellationToken).ConfigureAwait(false);
        probing.Done();
        var settings = request.Settings;
        if (request.SettingsFromFirstClip)
        {
            settings = FromFirstClip(settings, infos[0]);
            settings.Validate();
        }

        var route = StitchRoutePlanner.Plan(new StitchRouteRequest(infos, request.Clips, transitions, settings, name)
        {
            Windowed = request.Windowed,
            OnePass = request.OnePass,
        });
        var target = new OutputTarget(request.OutputPath, settings.Width, settings.Height, settings.Fps, settings.LoudnessLufs, FinishingOf(settings));
        using var work = new WorkFolder(request.WorkDirectory);
        return await RunAsync(new StitchJob(infos, transitions, target, name, work, progress), route, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StitchResult> JoinConformedAsync(JoinRequest request, IProgress<StitchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var transitions = StitchInputs.CheckShape(request.ConformedPaths.Count, request.Transitions);
        if (request.LoudnessLufs is { } lufs)
        {
            LoudnessMeter.ValidateTarget(lufs);
        }

        var name = (Func<int, string>)(i => $"conformed clip {i + 1} ('{Path.GetFileName(request.ConformedPaths[i])}')");
        var probing = new PhaseProgress(progress, StitchPhase.Probing);
        probing.Start();
        var infos = await _inputs.ProbeIntermediatesAsync(request.ConformedPaths, cancellationToken).ConfigureAwait(false);
        await _inputs.CheckMusicAsync(request.Finishing, cancellationToken).ConfigureAwait(false);
        probing.Done();

        var first = StitchInputs.CheckIntermediates(infos, name);
        var clips = request.ConformedPaths.Select(path => new StitchClip(path)).ToList();
        var route = StitchRoutePlanner.Plan(new StitchRouteRequest(infos, clips, transitions, new StitchSettings(first.Width, first.Height, FitMode.Cover, first.FrameRate), name)
        {
            Windowed = request.Windowed,
            ClipsConformed = true,
        });
        var target = new OutputTarget(request.OutputPath, first.Width, first.Height, first.FrameRate, request.LoudnessLufs, request.Finishing);
        using var work = new WorkFolder(request.WorkDirectory);
        return await RunAsync(new StitchJob(infos, transitions, target, name, work, progress), route, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Carries out <paramref name="route"/>: a windowed route whose windows turn out not to join by
    /// copy takes the full re-encode the planner set beside it (nothing was written by then).
    /// </summary>
    private async Task<StitchResult> RunAsync(StitchJob job, StitchRoute route, CancellationToken cancellationToken) =>
        await RouteAsync(job, route, cancellationToken).ConfigureAwait(false) with { Clips = job.Infos };

    private async Task<StitchResult> RouteAsync(StitchJob job, StitchRoute route, CancellationToken cancellationToken)
    {
        _logger.LogInformation("Stitching {ClipCount} clips into {OutputPath} by {StitchPath}: {Reason}", job.Infos.Count, job.Output.Path, route.Path, route.Reason);
        if (route.Path == StitchPath.Windowed)
        {
            try
            {
                return await _executors[StitchPath.Windowed].RunAsync(job, route, cancellationToken).ConfigureAwait(false);
            }
            catch (WindowedJoiner.FallbackException ex)
            {
                _logger.LogWarning("Windowed transitions fell back to a full re-encode: {Reason}", ex.Message);
                route = route.WithoutWindows(ex.Message);
            }
        }

        if (route.NotWindowedReason is not null)
        {
            _logger.LogInformation("Transitions are re-encoded in full, not windowed: {Reason}", route.NotWindowedReason);
        }

        return await _executors[route.Path].RunAsync(job, route, cancellationToken).ConfigureAwait(false);
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
}