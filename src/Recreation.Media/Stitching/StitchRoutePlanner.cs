using Recreation.Media.Conforming;

namespace Recreation.Media.Stitching;

/// <summary>
/// Decides how a stitch goes, once, from the probed clips and the settings — no ffmpeg, no files
/// (FFMPEG.md, "The fast path" and "Crossfades"): stream copy when the clips already are the
/// output and every transition is a cut; else windowed when only the windows around transitions
/// need re-encoding; else a full re-encode, in one pass when one ffmpeg run can take the clips,
/// or clip by clip then joined. Every choice not taken keeps its reason on the route. Pure: the
/// same inputs give the same route; inputs no route can take (a share longer than its clip,
/// transitions longer than their clips) are refused here, before anything is encoded.
/// </summary>
internal static class StitchRoutePlanner
{
    private const string ConformedByCaller = "the clips were conformed by the caller";

    public static StitchRoute Plan(StitchRouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ClipsConformed ? PlanJoin(request) : PlanStitch(request);
    }

    /// <summary>Source clips: copied when they can be, else conformed (windowed, one pass, or clip by clip).</summary>
    private static StitchRoute PlanStitch(StitchRouteRequest request)
    {
        var (infos, clips, transitions, settings, _) = request;
        var copy = FastPathPlanner.Decide(infos, clips, transitions, settings);
        if (copy.Path == StitchPath.StreamCopy)
        {
            var spec = settings.ConformSpec();
            var own = infos.Select(info => info.Video!.FrameCount ?? spec.FrameCount(info.VideoDuration)).ToList();
            return new StitchRoute(StitchPath.StreamCopy, copy.Reason, infos.Select(_ => spec).ToList(), own);
        }

        var specs = infos.Select((_, i) => settings.ConformSpec(clips[i].TrimTo, i, infos.Count)).ToList();
        var frames = infos.Select((info, i) => Conformer.PlanFrames(info, info.Video!, specs[i])).ToList();
        var notOnePass = NotOnePass(request);
        return Finish(request, new StitchRoute(notOnePass is null ? StitchPath.OnePass : StitchPath.Conform, copy.Reason, specs, frames) { NotOnePassReason = notOnePass });
    }

    /// <summary>Intermediates a caller conformed: joined as they are, the transitions windowed when they can be.</summary>
    private static StitchRoute PlanJoin(StitchRouteRequest request)
    {
        var spec = request.Settings.ConformSpec();
        var frames = request.Infos.Select(info => info.Video!.FrameCount ?? spec.FrameCount(info.VideoDuration)).ToList();
        var full = new StitchRoute(StitchPath.Conform, ConformedByCaller, request.Infos.Select(_ => spec).ToList(), frames)
        {
            NotOnePassReason = ConformedByCaller,
            ClipsConformed = true,
        };
        return Finish(request, full);
    }

    /// <summary>
    /// The full re-encode <paramref name="full"/> checked for fit, then windowed when every clip and
    /// setting allows it, else kept with the reason it is not.
    /// </summary>
    private static StitchRoute Finish(StitchRouteRequest request, StitchRoute full)
    {
        var fps = request.Settings.Fps;
        TransitionGraph.CheckFit(full.Frames, request.Transitions, fps, request.Name);
        if (request.Transitions.All(t => t.IsCut))
        {
            return full;
        }

        var notWindowed = NotWindowed(request);
        if (notWindowed is not null)
        {
            return full with { NotWindowedReason = notWindowed };
        }

        var (windows, obstacle) = WindowedJoiner.Decide(request.Infos, full.Frames, request.Transitions, fps, request.Name);
        return windows is null
            ? full with { NotWindowedReason = obstacle }
            : full with { Path = StitchPath.Windowed, Windows = windows };
    }

    /// <summary>Why the full re-encode conforms clip by clip rather than in one ffmpeg run, or null.</summary>
    private static string? NotOnePass(StitchRouteRequest request)
    {
        if (!request.OnePass)
        {
            return "one-pass joining is turned off";
        }

        return OnePassJoiner.Obstacle(request.Settings, request.Infos.Count);
    }

    /// <summary>Why the request or the clips rule the windowed join out before its own checks (keyframes, extradata, share), or null.</summary>
    private static string? NotWindowed(StitchRouteRequest request)
    {
        var settings = request.Settings;
        if (!request.Windowed)
        {
            return "windowed transitions are turned off";
        }

        if (request.ClipsConformed)
        {
            // The intermediates carry their own trims and fades: only the windowed join's own checks apply.
            return null;
        }

        if (settings.TrimHead is not null)
        {
            return "heads are trimmed";
        }

        if (settings.FadeIn > TimeSpan.Zero || settings.FadeOut > TimeSpan.Zero)
        {
            return "the video fades in or out, which re-encodes a whole clip";
        }

        return FastPathPlanner.ClipsObstacle(request.Infos, request.Clips, settings);
    }
}