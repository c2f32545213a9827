using System.Text.Json;

using Recreation.Core;
using Recreation.Core.Planning;
using Recreation.Media;
using Recreation.Media.Probing;
using Recreation.Testing;

namespace Recreation.Cli.Tests;

/// <summary>
/// <c>recreate analyze</c> end to end: a generated reference (a cut, a dissolve, a fade through
/// black and a half-second shot, with a known truth), its JSON, then the draft scene file it
/// writes: validated, planned and rendered with the placeholder backend.
/// </summary>
[CancelAfter(240_000)]
[NonParallelizable]
public partial class AnalyzeSpecs
{
    private const int Fps = 25;
    private TempDirectory? _temp;
    private ShotTestSet.Truth? _truth;

    [OneTimeSetUp]
    public async Task MakeReference()
    {
        if (RepoPaths.SharedMedia is not { } media)
        {
            Assert.Ignore("The shared real-world clips (../shared/media) are not here.");
            return;
        }

        _temp = new TempDirectory("analyze-cli");
        var all = ShotTestSet.Standard(media);
        var pieces = new[] { all[0], all[1], all[2] with { Seconds = 1.6 }, all[4] with { Into = ShotTestSet.TransitionSpec.Dissolve(0.6) }, all[13] with { Into = ShotTestSet.TransitionSpec.FadeBlack(0.8) }, all[5] };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _truth = await ShotTestSet.GenerateAsync(_temp.File("reference.mp4"), Fps, pieces, timeout.Token);
    }

    [OneTimeTearDown]
    public void CleanUp() => _temp?.Dispose();

    [Test]
    public async Task Json_gives_every_shot_with_its_start_end_and_transition()
    {
        var (code, output, error) = await CliRun.RunAsync("analyze", _truth!.Path, "--json");

        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.That(root.GetProperty("width").GetInt32(), Is.EqualTo(ShotTestSet.Width));
        Assert.That(root.GetProperty("fps").GetDouble(), Is.EqualTo(Fps));
        Assert.That(root.GetProperty("frames").GetInt32(), Is.EqualTo(_truth.FrameCount));
        var shots = root.GetProperty("shots").EnumerateArray().ToList();
        var described = string.Join(" ", shots.Select(s => $"{s.GetProperty("transition").GetProperty("type").GetString()}@{s.GetProperty("start_frame").GetInt32()}"));
        var expected = string.Join(" ", _truth.Boundaries.Select(b => $"{b.Kind}@{b.FirstFrame}"));
        Assert.That(shots, Has.Count.EqualTo(_truth.Boundaries.Count + 1), $"found {described}; truth {expected}");
        Assert.That(shots[0].GetProperty("transition").GetProperty("type").GetString(), Is.EqualTo("start"));
        for (var i = 0; i < _truth.Boundaries.Count; i++)
        {
            var truth = _truth.Boundaries[i];
            var shot = shots[i + 1];
            var transition = shot.GetProperty("transition");
            Assert.That(transition.GetProperty("type").GetString(), Is.EqualTo(truth.Kind), $"shot {i + 2}");
            Assert.That(shot.GetProperty("start_frame").GetInt32(), Is.EqualTo(truth.FirstFrame).Within(truth.Kind == "cut" ? 1 : 2), $"shot {i + 2}");
            Assert.That(shot.GetProperty("start").GetDouble(), Is.EqualTo(shot.GetProperty("start_frame").GetInt32() / (double)Fps).Within(1e-6));
            Assert.That(shots[i].GetProperty("end").GetDouble(), Is.EqualTo((shots[i].GetProperty("end_frame").GetInt32() + 1) / (double)Fps).Within(1e-6));
        }

        Assert.That(shots.Select(s => s.GetProperty("camera").GetString()), Is.All.AnyOf("static", "pan", "tilt", "zoom", "handheld"));
        Assert.That(shots.Select(s => s.GetProperty("palette").GetArrayLength()), Is.All.GreaterThan(0));
    }

    [Test]
    public async Task The_draft_validates_with_unwritten_descriptions_plans_and_renders_with_scene_starts_on_the_reference_s_shots()
    {
        var folder = _temp!.Folder("draft");
        var (code, _, error) = await CliRun.RunAsync("analyze", _truth!.Path, "-o", folder);
        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        var scene = Path.Combine(folder, "reference.yaml");
        Assert.That(scene, Does.Exist);
        var text = await File.ReadAllTextAsync(scene);
        Assert.That(text, Does.Contain("reference_image: \"reference-keyframes/shot-001-first.png\""));
        Assert.That(Path.Combine(folder, "reference-keyframes", "shot-001-first.png"), Does.Exist);

        var validate = await CliRun.RunAsync("validate", scene);
        Assert.That(validate.ExitCode, Is.EqualTo(ExitCodes.Success), validate.Error + validate.Out);
        Assert.That(validate.Out + validate.Error, Does.Contain("description not written yet"));
        var plan = await CliRun.RunAsync("plan", scene);
        Assert.That(plan.ExitCode, Is.EqualTo(ExitCodes.Success), plan.Error);

        // Where the stitcher starts each scene, against where the reference's shots start.
        var compiled = SceneCompiler.Compile(scene);
        var starts = Timeline.OutputStartsMs(compiled.File, compiled.Plan);
        var sceneStarts = compiled.Plan.Scenes.Select(s => starts[s.Clips[0].Id] / 1000.0).ToList();
        var shotStarts = new List<double> { 0 };
        shotStarts.AddRange(_truth.Boundaries.Select(b => b.FirstFrame / (double)Fps));
        Assert.That(sceneStarts, Has.Count.EqualTo(shotStarts.Count));
        for (var i = 0; i < shotStarts.Count; i++)
        {
            Assert.That(sceneStarts[i], Is.EqualTo(shotStarts[i]).Within((1.0 / Fps) + 1e-3), $"scene {i + 1}");
        }

        var run = await CliRun.RunAsync("run", scene, "--backend", "placeholder");
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Success), run.Error + run.Out);
        var video = Directory.EnumerateFiles(Path.Combine(folder, "out"), "*.mp4").Single();
        var info = await new MediaProbe(new FFmpegRunner()).ProbeAsync(video);
        Assert.That(info.VideoDuration.TotalSeconds, Is.EqualTo(_truth.FrameCount / (double)Fps).Within(1.0 / Fps + 1e-3), "the render lasts as long as the reference");
    }

    [Test]
    public async Task Without_reference_images_the_draft_names_none_but_the_keyframes_are_written()
    {
        var folder = _temp!.Folder("no-images");
        var (code, _, error) = await CliRun.RunAsync("analyze", _truth!.Path, "-o", folder, "--no-reference-images");

        Assert.That(code, Is.EqualTo(ExitCodes.Success), error);
        Assert.That(await File.ReadAllTextAsync(Path.Combine(folder, "reference.yaml")), Does.Not.Contain("reference_image"));
        Assert.That(Directory.EnumerateFiles(Path.Combine(folder, "reference-keyframes"), "*.png").Count(), Is.EqualTo(3 * (_truth.Boundaries.Count + 1)));
    }

    [Test]
    public async Task A_paid_run_refuses_a_draft_whose_descriptions_are_not_written()
    {
        var folder = _temp!.Folder("paid");
        await CliRun.RunAsync("analyze", _truth!.Path, "-o", folder, "--no-reference-images");

        var (code, _, error) = await CliRun.RunAsync("run", Path.Combine(folder, "reference.yaml"), "--backend", "openai");

        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(error, Does.Contain("no description written yet"));
        Assert.That(Path.Combine(folder, ".recreation"), Does.Not.Exist, "nothing created");
    }

    [Test]
    public async Task A_missing_video_is_bad_input()
    {
        var (code, _, error) = await CliRun.RunAsync("analyze", _temp!.File("missing.mp4"));

        Assert.That(code, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(error, Does.Contain("missing.mp4"));
    }
}