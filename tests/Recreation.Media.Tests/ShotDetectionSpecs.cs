using System.Globalization;

using Recreation.Media.Analysis;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>
/// Shot detection against a generated test set with a known truth (<see cref="ShotTestSet"/>), at
/// 24, 25 and 30 fps. A cut matches a true cut within ±1 frame; a gradual transition matches a true
/// one when its first and last frames are each within ±2 frames (the first and last mixed frames
/// of a long dissolve differ from the shots by a few levels only).
/// </summary>
[NonParallelizable]
public class ShotDetectionSpecs
{
    private static readonly int[] Rates = [24, 25, 30];
    private readonly FFmpegRunner _runner = new();
    private TempDirectory? _temp;
    private List<(ShotTestSet.Truth Truth, VideoAnalysis Found)>? _results;

    [OneTimeSetUp]
    public async Task GenerateAndAnalyse()
    {
        var media = SharedMediaFolder.OrIgnore();
        _temp = new TempDirectory("shot-set");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        _results = [];
        foreach (var fps in Rates)
        {
            var truth = await ShotTestSet.GenerateAsync(_temp.File($"set-{fps}.mp4"), fps, ShotTestSet.Standard(media), timeout.Token);
            var found = await new VideoAnalyzer(_runner).AnalyzeAsync(truth.Path, cancellationToken: timeout.Token);
            _results.Add((truth, found));
        }
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp?.Dispose();

    [Test]
    public void Hard_cuts_are_found_within_one_frame_with_an_F1_of_at_least_0_95()
    {
        var (tp, fp, fn) = Score("cut");
        var f1 = F1(tp, fp, fn);
        TestContext.Out.WriteLine(Report());
        Assert.That(f1, Is.GreaterThanOrEqualTo(0.95), $"cuts: {tp} found, {fp} false, {fn} missed");
    }

    [Test]
    public void Dissolves_and_fades_are_found_by_their_first_and_last_frame_with_an_F1_of_at_least_0_85()
    {
        var (tp, fp, fn) = Score("gradual");
        var f1 = F1(tp, fp, fn);
        TestContext.Out.WriteLine(Report());
        Assert.That(f1, Is.GreaterThanOrEqualTo(0.85), $"gradual: {tp} found, {fp} false, {fn} missed");
    }

    [Test]
    public void No_cut_is_reported_inside_a_pan_a_tilt_a_flash_or_fast_motion_even_at_a_dissolve_s_edge()
    {
        // The strict form below also counts a dissolve placed a few frames early; this one asks for cuts only.
        var wrong = _results!.SelectMany(r => r.Found.Shots
                .Where(s => s.Transition.Kind == ShotTransitionKind.Cut)
                .SelectMany(s => r.Truth.NoCuts.Where(q => s.FirstFrame >= q.FirstFrame && s.FirstFrame <= q.LastFrame).Select(q => $"{r.Truth.Fps} fps: cut at {s.FirstFrame} inside '{q.What}'")))
            .ToList();

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void The_short_dissolve_into_a_zoom_just_after_a_flash_is_found_by_its_first_and_last_frame()
    {
        // 0.4 s, shorter than the half-second either side the dissolve finder compares, and half a second after a flash.
        foreach (var (truth, found) in _results!)
        {
            var zoom = truth.Boundaries.Single(b => b.Shot == "zoom");
            var spans = found.Shots.Skip(1).Select(s => s.Transition).Select(b => $"{b.Kind}:{b.FirstFrame}-{b.LastFrame}");
            Assert.That(
                found.Shots.Select(s => s.Transition).Count(b => b.Kind == ShotTransitionKind.Dissolve && Math.Abs(b.FirstFrame - zoom.FirstFrame) <= 2 && Math.Abs(b.LastFrame - zoom.LastFrame) <= 2),
                Is.EqualTo(1),
                $"{truth.Fps} fps: the dissolve {zoom.FirstFrame}-{zoom.LastFrame}; found {string.Join(" ", spans)}");
        }
    }

    [Test]
    public void No_boundary_at_all_is_reported_inside_a_pan_a_tilt_a_flash_or_fast_motion()
    {
        var wrong = new List<string>();
        foreach (var (truth, found) in _results!)
        {
            foreach (var shot in found.Shots.Where(s => s.Transition.Kind != ShotTransitionKind.Start))
            {
                foreach (var span in truth.NoCuts.Where(q => shot.FirstFrame >= q.FirstFrame && shot.FirstFrame <= q.LastFrame))
                {
                    wrong.Add($"{truth.Fps} fps: {shot.Transition.Kind} at frame {shot.FirstFrame} inside '{span.What}' ({span.FirstFrame}-{span.LastFrame})");
                }
            }
        }

        Assert.That(wrong, Is.Empty);
    }

    [Test, CancelAfter(60_000)]
    public async Task A_sudden_change_of_brightness_in_the_same_picture_is_not_a_cut(CancellationToken cancellationToken)
    {
        // A light switched on, an exposure step or an encoder's new keyframe: the level jumps, the picture stays.
        var media = SharedMediaFolder.OrIgnore();
        var brighter = new ShotTestSet.Piece(
            "brighter", 2.0, ShotTestSet.TransitionSpec.Cut, ["-i", Path.Combine(media, "sampleMKV.mkv")],
            $"scale={ShotTestSet.Width}:{ShotTestSet.Height},eq=brightness=0.05:enable='gte(t,1)'");
        var truth = await ShotTestSet.GenerateAsync(_temp!.File("brighter.mp4"), 25, [brighter], cancellationToken);

        var found = await new VideoAnalyzer(_runner).AnalyzeAsync(truth.Path, cancellationToken: cancellationToken);

        Assert.That(found.Shots.Skip(1).Select(s => $"{s.Transition.Kind} at {s.FirstFrame}"), Is.Empty);
    }

    [Test, CancelAfter(60_000)]
    public async Task A_dissolve_of_a_few_frames_between_very_different_pictures_is_one_dissolve_not_a_run_of_cuts(CancellationToken cancellationToken)
    {
        // Every frame of it jumps as far as a weak cut does.
        var media = SharedMediaFolder.OrIgnore();
        var cover = $"scale={ShotTestSet.Width}:{ShotTestSet.Height}:force_original_aspect_ratio=increase,crop={ShotTestSet.Width}:{ShotTestSet.Height}";
        ShotTestSet.Piece[] pieces =
        [
            new("bars", 1.2, ShotTestSet.TransitionSpec.Cut, ["-f", "lavfi", "-i", "smptehdbars=s=320x180:d=10"], cover),
            new("real-webm", 1.5, ShotTestSet.TransitionSpec.Dissolve(0.3), ["-ss", "1", "-i", Path.Combine(media, "input_3sec.webm")], cover),
        ];
        var truth = await ShotTestSet.GenerateAsync(_temp!.File("short-dissolve.mp4"), 25, pieces, cancellationToken);
        var dissolve = truth.Boundaries.Single();

        var found = await new VideoAnalyzer(_runner).AnalyzeAsync(truth.Path, cancellationToken: cancellationToken);

        var boundaries = found.Shots.Skip(1).Select(s => s.Transition).ToList();
        Assert.That(boundaries.Select(b => $"{b.Kind}:{b.FirstFrame}-{b.LastFrame}").ToList(), Has.Count.EqualTo(1), $"the dissolve {dissolve.FirstFrame}-{dissolve.LastFrame}");
        Assert.That(boundaries[0].Kind, Is.EqualTo(ShotTransitionKind.Dissolve));
        Assert.That(boundaries[0].FirstFrame, Is.EqualTo(dissolve.FirstFrame).Within(2));
        Assert.That(boundaries[0].LastFrame, Is.EqualTo(dissolve.LastFrame).Within(2));
    }

    [Test]
    public void Fades_through_black_are_told_from_dissolves()
    {
        var fades = _results!.SelectMany(r => Matches(r.Truth, r.Found).Where(m => m.Truth.Kind == "fade-black" && m.Found is not null)).ToList();

        Assert.That(fades, Is.Not.Empty);
        Assert.That(fades.Select(m => m.Found!.Kind), Is.All.EqualTo(ShotTransitionKind.FadeThroughBlack));
    }

    [Test]
    public void Every_frame_is_in_a_shot_and_the_times_follow_the_frames()
    {
        foreach (var (truth, found) in _results!)
        {
            Assert.That(found.FrameCount, Is.EqualTo(truth.FrameCount), $"{truth.Fps} fps");
            Assert.That(found.Shots[0].FirstFrame, Is.Zero);
            Assert.That(found.Shots[^1].LastFrame, Is.EqualTo(truth.FrameCount - 1));
            foreach (var shot in found.Shots)
            {
                Assert.That(shot.Start.TotalSeconds, Is.EqualTo(shot.FirstFrame / (double)truth.Fps).Within(1e-6));
                Assert.That(shot.End.TotalSeconds, Is.EqualTo((shot.LastFrame + 1) / (double)truth.Fps).Within(1e-6));
                Assert.That(shot.Keyframes.First, Is.InRange(shot.FirstFrame, shot.LastFrame));
                Assert.That(shot.Keyframes.Last, Is.InRange(shot.Keyframes.Middle, shot.LastFrame));
                Assert.That(shot.Palette, Is.Not.Empty);
            }
        }
    }

    private (int Tp, int Fp, int Fn) Score(string kind)
    {
        int tp = 0, fp = 0, fn = 0;
        foreach (var (truth, found) in _results!)
        {
            var matches = Matches(truth, found);
            bool Wanted(string k) => kind == "cut" ? k == "cut" : k != "cut";
            tp += matches.Count(m => m.Found is not null && Wanted(m.Truth.Kind));
            fn += matches.Count(m => m.Found is null && Wanted(m.Truth.Kind));
            var matched = matches.Where(m => m.Found is not null).Select(m => m.Found).ToHashSet();
            fp += found.Shots.Select(s => s.Transition).Count(b => b.Kind != ShotTransitionKind.Start && !matched.Contains(b) && (kind == "cut") == (b.Kind == ShotTransitionKind.Cut));
        }

        return (tp, fp, fn);
    }

    /// <summary>Each true boundary with the found boundary that matches it (same family, within tolerance), or null.</summary>
    private static List<(ShotTestSet.TrueBoundary Truth, ShotBoundary? Found)> Matches(ShotTestSet.Truth truth, VideoAnalysis found)
    {
        var used = new HashSet<ShotBoundary>();
        var result = new List<(ShotTestSet.TrueBoundary, ShotBoundary?)>();
        foreach (var t in truth.Boundaries)
        {
            var match = found.Shots.Select(s => s.Transition)
                .Where(b => !used.Contains(b) && b.Kind != ShotTransitionKind.Start)
                .FirstOrDefault(b => t.Kind == "cut"
                    ? b.Kind == ShotTransitionKind.Cut && Math.Abs(b.FirstFrame - t.FirstFrame) <= 1
                    : b.Kind != ShotTransitionKind.Cut && Math.Abs(b.FirstFrame - t.FirstFrame) <= 2 && Math.Abs(b.LastFrame - t.LastFrame) <= 2);
            if (match is not null)
            {
                used.Add(match);
            }

            result.Add((t, match));
        }

        return result;
    }

    private static double F1(int tp, int fp, int fn) => tp == 0 ? 0 : 2.0 * tp / ((2.0 * tp) + fp + fn);

    private string Report()
    {
        var lines = new List<string>();
        foreach (var (truth, found) in _results!)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{truth.Fps} fps, {truth.FrameCount} frames"));
            lines.Add("  truth: " + string.Join(" ", truth.Boundaries.Select(b => $"{b.Kind}:{b.FirstFrame}-{b.LastFrame}({b.Shot})")));
            lines.Add("  found: " + string.Join(" ", found.Shots.Skip(1).Select(s => $"{s.Transition.Kind}:{s.Transition.FirstFrame}-{s.Transition.LastFrame}({s.Camera})")));
        }

        return string.Join('\n', lines);
    }
}