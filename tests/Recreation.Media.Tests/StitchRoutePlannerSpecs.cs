using Recreation.Media.Conforming;
using Recreation.Media.Probing;
using Recreation.Media.Stitching;

namespace Recreation.Media.Tests;

/// <summary>
/// The stitch route is decided once, without ffmpeg or files: these specs run the planner on probe
/// results built by hand. Each clip is 4 s at 30 fps (120 frames), H.264 1280x720 with a keyframe
/// every second, so by default two clips can be copied and a 0.5 s crossfade windowed.
/// </summary>
[CancelAfter(10_000)]
public class StitchRoutePlannerSpecs
{
    private static readonly StitchSettings Settings = new(1280, 720, FitMode.Cover, 30);
    private static readonly Transition Crossfade = Transition.Crossfade(TimeSpan.FromSeconds(0.5));
    private const string Copyable = "all 2 clips already share codec, size";
    private const string CrossfadeIntoTwo = "the transition into clip 2 ('clip-2.mp4') is a Crossfade, which needs re-encoding";
    private const string SecondIsSmall = "clip 2 ('clip-2.mp4') is 640x360, and the output is 1280x720";
    private const string HeadsTrimmed = "trimming heads needs each clip's opening detected first";
    private const string ConformedByCaller = "the clips were conformed by the caller";

    /// <summary>One row: the inputs, and the route, copy reason, not-windowed reason and not-one-pass reason expected (each a prefix; null: none).</summary>
    private sealed record Row(StitchRouteRequest Request, StitchPath Path, string Reason, string? NotWindowed, string? NotOnePass);

    private static readonly Dictionary<string, Row> Rows = new()
    {
        ["Matching clips cut together are copied"] =
            new(Request(), StitchPath.StreamCopy, Copyable, null, null),
        ["Seventeen matching clips cut together are still copied"] =
            new(Request(clips: 17), StitchPath.StreamCopy, "all 17 clips already share", null, null),
        ["A clip that differs is conformed in one pass"] =
            new(Request(second: Small), StitchPath.OnePass, SecondIsSmall, null, null),
        ["A clip that differs with one pass off is conformed clip by clip"] =
            new(Request(second: Small) with { OnePass = false }, StitchPath.Conform, SecondIsSmall, null, "one-pass joining is turned off"),
        ["More clips than one run decodes are conformed clip by clip"] =
            new(Request(clips: 17, second: Small), StitchPath.Conform, SecondIsSmall, null, "17 clips are more than one ffmpeg run decodes at once (16)"),
        ["Trimmed heads are conformed clip by clip"] =
            new(Request(settings: Settings with { TrimHead = HeadTrim.Auto }), StitchPath.Conform, "each clip's head is trimmed (auto)", null, HeadsTrimmed),
        ["A fade in is conformed in one pass"] =
            new(Request(settings: Settings with { FadeIn = TimeSpan.FromSeconds(0.5) }), StitchPath.OnePass, "the video fades from or to black", null, null),
        ["A clip trimmed by more than a frame is conformed in one pass"] =
            new(Request(trim: TimeSpan.FromSeconds(3)), StitchPath.OnePass, "clip 1 ('clip-1.mp4') must be trimmed from 4 s to 3 s", null, null),
        ["Matching clips with a crossfade get only their windows re-encoded"] =
            new(Request(transition: Crossfade), StitchPath.Windowed, CrossfadeIntoTwo, null, null),
        ["A windowed route keeps why its fallback would go clip by clip"] =
            new(Request(transition: Crossfade) with { OnePass = false }, StitchPath.Windowed, CrossfadeIntoTwo, null, "one-pass joining is turned off"),
        ["Windows turned off re-encode a crossfade in one pass"] =
            new(Request(transition: Crossfade) with { Windowed = false }, StitchPath.OnePass, CrossfadeIntoTwo, "windowed transitions are turned off", null),
        ["Trimmed heads rule the windows out"] =
            new(Request(transition: Crossfade, settings: Settings with { TrimHead = HeadTrim.Auto }), StitchPath.Conform, "each clip's head is trimmed", "heads are trimmed", HeadsTrimmed),
        ["A fade out rules the windows out"] =
            new(Request(transition: Crossfade, settings: Settings with { FadeOut = TimeSpan.FromSeconds(0.5) }), StitchPath.OnePass,
                "the video fades from or to black", "the video fades in or out, which re-encodes a whole clip", null),
        ["A clip that differs rules the windows out"] =
            new(Request(transition: Crossfade, second: Small), StitchPath.OnePass, CrossfadeIntoTwo, SecondIsSmall, null),
        ["A clip trimmed by more than a frame rules the windows out"] =
            new(Request(transition: Crossfade, trim: TimeSpan.FromSeconds(3)), StitchPath.OnePass, CrossfadeIntoTwo, "clip 1 ('clip-1.mp4') must be trimmed from 4 s to 3 s", null),
        ["B-frames rule the windows out"] =
            new(Request(transition: Crossfade, second: Video() with { BFrames = 2 }), StitchPath.OnePass, CrossfadeIntoTwo, "clip 2 ('clip-2.mp4') has B-frames (has_b_frames=2)", null),
        ["Sparse keyframes rule the windows out"] =
            new(Request(transition: Crossfade, second: Video() with { Keyframes = [TimeSpan.Zero] }, first: Video() with { Keyframes = [TimeSpan.Zero] }),
                StitchPath.OnePass, CrossfadeIntoTwo, "keyframes are too sparse: the windows would re-encode", null),
        ["Conformed intermediates cut together are joined"] =
            new(Request() with { ClipsConformed = true }, StitchPath.Conform, ConformedByCaller, null, ConformedByCaller),
        ["Conformed intermediates with a crossfade get only their windows re-encoded"] =
            new(Request(transition: Crossfade) with { ClipsConformed = true }, StitchPath.Windowed, ConformedByCaller, null, ConformedByCaller),
        ["Conformed intermediates with windows turned off are joined in full"] =
            new(Request(transition: Crossfade) with { ClipsConformed = true, Windowed = false }, StitchPath.Conform, ConformedByCaller, "windowed transitions are turned off", ConformedByCaller),
        ["Conformed intermediates with unknown keyframes are joined in full"] =
            new(Request(transition: Crossfade, second: Video() with { Keyframes = null }) with { ClipsConformed = true },
                StitchPath.Conform, ConformedByCaller, "the keyframes of clip 2 ('clip-2.mp4') are not known", ConformedByCaller),
    };

    public static IEnumerable<string> Cases => Rows.Keys;

    [TestCaseSource(nameof(Cases))]
    public void Each_route_is_taken_for_its_reasons(string row)
    {
        var (request, path, reason, notWindowed, notOnePass) = Rows[row];

        var route = StitchRoutePlanner.Plan(request);

        Assert.Multiple(() =>
        {
            Assert.That(route.Path, Is.EqualTo(path));
            Assert.That(route.Reason, Does.StartWith(reason));
            Assert.That(route.NotWindowedReason, notWindowed is null ? Is.Null : Does.StartWith(notWindowed));
            Assert.That(route.NotOnePassReason, notOnePass is null ? Is.Null : Does.StartWith(notOnePass));
            Assert.That(route.Windows, path == StitchPath.Windowed ? Is.Not.Null : Is.Null);
            Assert.That(route.ClipsConformed, Is.EqualTo(request.ClipsConformed));
            Assert.That(route.Specs, Has.Count.EqualTo(request.Infos.Count));
            Assert.That(route.Frames, Has.Count.EqualTo(request.Infos.Count));
        });
    }

    [Test]
    public void A_windowed_plan_re_encodes_from_the_last_keyframe_before_the_blend_to_the_first_after_it()
    {
        var plan = StitchRoutePlanner.Plan(Request(transition: Crossfade)).Windows!;

        Assert.That(plan.Windows, Has.Count.EqualTo(1));
        Assert.That((plan.Windows[0].From, plan.Windows[0].To, plan.Windows[0].Overlap), Is.EqualTo((90L, 30L, 15L)));
        Assert.That((plan.TotalFrames, plan.OverlapFrames), Is.EqualTo((225L, 15L)));
    }

    [Test]
    public void Copied_clips_count_their_own_frames()
    {
        var route = StitchRoutePlanner.Plan(Request(second: Video() with { FrameCount = null, Duration = TimeSpan.FromSeconds(2) }, secondDuration: TimeSpan.FromSeconds(2)));

        Assert.That(route.Path, Is.EqualTo(StitchPath.StreamCopy));
        Assert.That(route.Frames, Is.EqualTo(new long[] { 120, 60 }));
    }

    [Test]
    public void Conformed_clips_are_planned_with_their_trims_and_the_fades_on_the_first_and_last()
    {
        var fade = TimeSpan.FromSeconds(0.5);
        var request = Request(clips: 3, trim: TimeSpan.FromSeconds(3), settings: Settings with { FadeIn = fade, FadeOut = fade });

        var route = StitchRoutePlanner.Plan(request);

        Assert.That(route.Frames, Is.EqualTo(new long[] { 90, 120, 120 }));
        Assert.That(route.Specs.Select(s => (s.TrimTo, s.FadeIn, s.FadeOut)), Is.EqualTo(new[]
        {
            ((TimeSpan?)TimeSpan.FromSeconds(3), fade, TimeSpan.Zero),
            ((TimeSpan?)null, TimeSpan.Zero, TimeSpan.Zero),
            ((TimeSpan?)null, TimeSpan.Zero, fade),
        }));
    }

    [Test]
    public void Conformed_intermediates_are_joined_at_their_own_frame_counts()
    {
        var route = StitchRoutePlanner.Plan(Request(second: Video() with { FrameCount = 100 }) with { ClipsConformed = true });

        Assert.That(route.Frames, Is.EqualTo(new long[] { 120, 100 }));
        Assert.That(route.Specs, Has.All.EqualTo(Settings.ConformSpec()));
    }

    [Test]
    public void Transitions_that_cannot_fit_are_refused_before_anything_is_encoded()
    {
        var request = Request(transition: Transition.Crossfade(TimeSpan.FromSeconds(3)), clips: 3);

        var refused = Assert.Throws<MediaException>(() => StitchRoutePlanner.Plan(request with { Windowed = false }))!;

        Assert.That(refused.Message, Does.Contain("clip 2 ('clip-2.mp4') lasts 120 frames, fewer than its transitions need (90 in + 90 out)"));
    }

    [Test]
    public void A_share_longer_than_its_clip_is_refused()
    {
        var refused = Assert.Throws<MediaException>(() => StitchRoutePlanner.Plan(Request(trim: TimeSpan.FromSeconds(6))))!;

        Assert.That(refused.Message, Does.Contain("has 4 s of video, but 6 s were asked for"));
    }

    [TestCase(true, StitchPath.OnePass)]
    [TestCase(false, StitchPath.Conform)]
    public void A_windowed_route_that_falls_back_re_encodes_in_full_with_the_fallback_as_the_reason(bool onePass, StitchPath fullPath)
    {
        var windowed = StitchRoutePlanner.Plan(Request(transition: Crossfade) with { OnePass = onePass });

        var route = windowed.WithoutWindows("a window had no keyframe");

        Assert.That((route.Path, route.NotWindowedReason, route.Windows), Is.EqualTo((fullPath, "a window had no keyframe", (WindowedJoiner.Plan?)null)));
        Assert.That((route.Reason, route.Frames, route.Specs), Is.EqualTo((windowed.Reason, windowed.Frames, windowed.Specs)));
    }

    [Test]
    public void Conformed_intermediates_that_fall_back_are_joined_in_full()
    {
        var route = StitchRoutePlanner.Plan(Request(transition: Crossfade) with { ClipsConformed = true }).WithoutWindows("a window had no keyframe");

        Assert.That(route.Path, Is.EqualTo(StitchPath.Conform));
    }

    [Test]
    public void The_same_inputs_give_the_same_route()
    {
        var (a, b) = (StitchRoutePlanner.Plan(Request(transition: Crossfade)), StitchRoutePlanner.Plan(Request(transition: Crossfade)));

        Assert.That((a.Path, a.Reason, a.NotWindowedReason, a.NotOnePassReason), Is.EqualTo((b.Path, b.Reason, b.NotWindowedReason, b.NotOnePassReason)));
        Assert.That((a.Frames, a.Specs, a.Windows!.Windows, a.Windows.Starts, a.Windows.Ends), Is.EqualTo((b.Frames, b.Specs, b.Windows!.Windows, b.Windows.Starts, b.Windows.Ends)));
    }

    private static VideoStreamInfo Small => Video() with { Width = 640, Height = 360 };

    /// <summary>Clips all like the first, but the second with <paramref name="second"/> as its video; a cut or <paramref name="transition"/> between each.</summary>
    private static StitchRouteRequest Request(
        int clips = 2, VideoStreamInfo? second = null, Transition? transition = null, StitchSettings? settings = null, TimeSpan? trim = null,
        VideoStreamInfo? first = null, TimeSpan? secondDuration = null)
    {
        var infos = Enumerable.Range(0, clips).Select(i => i switch
        {
            0 => Clip(first ?? Video()),
            1 => Clip(second ?? Video()) with { Duration = secondDuration ?? TimeSpan.FromSeconds(4) },
            _ => Clip(Video()),
        }).ToList();
        var stitchClips = infos.Select((_, i) => new StitchClip($"/clips/clip-{i + 1}.mp4", i == 0 ? trim : null)).ToList();
        var transitions = Enumerable.Repeat(transition ?? Transition.Cut, clips - 1).ToList();
        return new StitchRouteRequest(infos, stitchClips, transitions, settings ?? Settings, i => FastPathPlanner.Name(stitchClips, i));
    }

    private static MediaInfo Clip(VideoStreamInfo video) =>
        new("/clips/clip.mp4", "mov,mp4,m4a,3gp,3g2,mj2", TimeSpan.FromSeconds(4), TimeSpan.Zero, 1_000_000, null, video, Audio(), 1, 1);

    private static VideoStreamInfo Video() =>
        new(0, "h264", "High", 1280, 720, 0, Rational.One, 30, 30, "yuv420p", new Rational(1, 15360), "progressive",
            new ColorTags("bt709", "bt709", "bt709", "tv"), "SHA256:abc", 120, TimeSpan.FromSeconds(4), TimeSpan.Zero)
        {
            Keyframes = Enumerable.Range(0, 4).Select(s => TimeSpan.FromSeconds(s)).ToList(),
        };

    private static AudioStreamInfo Audio() => new(1, "aac", "LC", 48000, 2, "stereo", TimeSpan.FromSeconds(4), TimeSpan.Zero);
}