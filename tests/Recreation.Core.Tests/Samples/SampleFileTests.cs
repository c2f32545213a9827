using Recreation.Core.Diagnostics;
using Recreation.Core.Model;
using Recreation.Core.Planning;

namespace Recreation.Core.Tests.Samples;

/// <summary>
/// Every scene file in examples/ and pipelines/ compiles (DESIGN §2: every YAML in both is loaded by
/// a test), lints clean, and shows what its header comment says it shows.
/// </summary>
[TestFixture]
public sealed class SampleFileTests
{
    public static IEnumerable<TestCaseData> Files() =>
        Repository.SampleFiles().Select(f => new TestCaseData(f).SetArgDisplayNames(f));

    [Test]
    public void The_examples_and_pipelines_folders_hold_the_expected_files()
    {
        Assert.That(Repository.SampleFiles(), Is.SupersetOf(new[]
        {
            "examples/minimal.yaml",
            "examples/split-rules.yaml",
            "examples/crowd-and-physics.yaml",
            "examples/continuity.yaml",
            "examples/transitions.yaml",
            "examples/finishing.yaml",
            "pipelines/coffee-ad.yaml",
        }));
    }

    [TestCaseSource(nameof(Files))]
    public void Every_sample_file_compiles_without_errors_or_warnings(string file)
    {
        CompiledScene compiled;
        try
        {
            compiled = SceneCompiler.Compile(Repository.Full(file));
        }
        catch (InvalidInputException e)
        {
            Assert.Fail(e.Message);
            return;
        }

        Assert.That(compiled.Warnings.Select(w => w.ToString()), Is.Empty);
        Assert.That(compiled.Plan.Clips, Is.Not.Empty);
    }

    [TestCaseSource(nameof(Files))]
    public void Every_sample_file_runs_offline_on_the_placeholder_backend(string file)
    {
        var compiled = Compile(file);

        Assert.That(compiled.File.Target.Backend, Is.EqualTo("placeholder"));
    }

    [TestCaseSource(nameof(Files))]
    public void Every_example_is_short_enough_to_render_in_a_test(string file)
    {
        var total = Compile(file).File.Scenes.Sum(s => s.Duration);

        Assert.That(total, Is.LessThanOrEqualTo(file.StartsWith("examples/", StringComparison.Ordinal) ? 40m : 60m));
    }

    [Test]
    public void Finishing_sets_every_post_production_option_with_a_small_music_file_beside_it()
    {
        var compiled = Compile("examples/finishing.yaml");
        var output = compiled.File.Output;

        Assert.Multiple(() =>
        {
            Assert.That(output.Captions, Is.EqualTo(Captions.Srt));
            Assert.That(output.Music, Is.EqualTo(new MusicSettings(Path.Combine(Repository.Root, "examples", "music", "bed.ogg"), 0.25m, true)));
            Assert.That(new FileInfo(output.Music!.Path).Length, Is.LessThan(30_000), "a tiny music file");
            Assert.That(output.Fade, Is.EqualTo(new FadeSettings(0.75m, 1.5m)));
            Assert.That(output.TrimHead, Is.EqualTo(TrimHeadSetting.Auto));
            Assert.That(compiled.Plan.Scenes, Has.Count.GreaterThanOrEqualTo(2), "chapters need two scenes");
            Assert.That(compiled.Plan.Clips.Where(c => c.Dialogue.Count > 0), Is.Not.Empty, "captions need dialogue");
        });
    }

    [Test]
    public void Minimal_is_one_scene_in_one_clip_with_every_default()
    {
        var compiled = Compile("examples/minimal.yaml");

        Assert.That(compiled.Plan.Clips.Count(), Is.EqualTo(1));
        Assert.That(compiled.File.Target, Has.Property(nameof(TargetSettings.Model)).EqualTo("sora-2").And.Property(nameof(TargetSettings.Size)).EqualTo(new FrameSize(1280, 720)));
    }

    [Test]
    public void Split_rules_fires_each_rule_and_leaves_one_scene_whole()
    {
        var plan = Compile("examples/split-rules.yaml").Plan;
        var rules = plan.Scenes.SelectMany(s => s.Splits.Select(r => r.Rule)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(rules, Does.Contain("max_clip_seconds").And.Contain("max_interactions_per_clip").And.Contain("max_people_per_clip"));
            Assert.That(plan.Scenes.Where(s => s.Splits.Count == 0 && s.Clips.Count == 1), Is.Not.Empty, "one scene where no rule fires");
            Assert.That(plan.Scenes.Where(s => s.Splits.Count > 0).Select(s => s.Splits.Count), Is.All.EqualTo(1), "each split scene shows one rule");

            var capped = plan.Scenes.Single(s => s.Triggers.Count > 0);
            Assert.That(capped.MaxClipMs, Is.EqualTo(4000), "a physics word caps clips to 4 s");
            Assert.That(capped.Splits.Single().Detail, Does.Contain("physics cap"));
            Assert.That(capped.Clips, Has.Count.GreaterThan(1));

            var byLength = plan.Scenes.Where(s => s.Triggers.Count == 0 && s.Splits.Any(r => r.Rule == "max_clip_seconds"));
            Assert.That(byLength, Is.Not.Empty, "a scene split by its length alone");
        });
    }

    [Test]
    public void Crowd_and_physics_finds_every_kind_of_trigger_and_splits_the_crowd()
    {
        var compiled = Compile("examples/crowd-and-physics.yaml");
        var scenes = compiled.Plan.Scenes;
        var words = scenes.SelectMany(s => s.TriggerWords).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(words, Has.Some.Matches<TriggerWord>(w => w.Kind == PhysicsVocabulary.Fluid && w.Word.StartsWith("pour", StringComparison.Ordinal)));
            Assert.That(words, Has.Some.Matches<TriggerWord>(w => w.Kind == PhysicsVocabulary.BallSport && w.Word.StartsWith("kick", StringComparison.Ordinal)));
            Assert.That(words, Has.Some.Matches<TriggerWord>(w => w.Kind == PhysicsVocabulary.Collision && w.Word == "crash"));
            Assert.That(words, Has.Some.Matches<TriggerWord>(w => w.Kind == PhysicsVocabulary.Collision && w.Source == "physics"), "an explicit physics: entry");
            Assert.That(words, Has.Some.Matches<TriggerWord>(w => w.Kind == PhysicsVocabulary.RapidCamera && w.Source == "camera.speed"), "a fast camera over action");
            Assert.That(scenes.Where(s => s.Triggers.Count > 0).Select(s => s.MaxClipMs), Is.All.LessThanOrEqualTo(4000));
            Assert.That(compiled.File.Scenes.Max(s => s.People), Is.GreaterThan(compiled.File.Planning.MaxPeoplePerClip));
            Assert.That(scenes.SelectMany(s => s.Splits).Select(r => r.Rule), Does.Contain("max_people_per_clip"));
            Assert.That(scenes.SelectMany(s => s.Clips).Select(c => c.People), Is.All.LessThanOrEqualTo(compiled.File.Planning.MaxPeoplePerClip));
        });
    }

    [Test]
    public void Continuity_chains_clips_from_a_reference_image_and_repeats_anchors_and_palette()
    {
        var compiled = Compile("examples/continuity.yaml");
        var clips = compiled.Plan.Clips.ToList();

        Assert.Multiple(() =>
        {
            Assert.That(compiled.File.Continuity, Is.EqualTo(ContinuityChain.LastFrame));
            Assert.That(clips[0].InputImage, Is.EqualTo(Path.Combine(Repository.Root, "examples", "refs", "cafe-door.png")));
            Assert.That(clips[0].InputImage, Does.Exist);
            Assert.That(clips.Where(c => c.Shot > 1), Is.Not.Empty, "a split scene to chain");
            foreach (var clip in clips)
            {
                Assert.That(clip.InputFromClip, Is.EqualTo(clip.Shot == 1 ? null : $"{clip.SceneId}-{clip.Shot - 1}"), clip.Id);
                foreach (var character in clip.Characters.Select(id => compiled.File.FindCharacter(id)!))
                {
                    Assert.That(character.Anchors, Is.Not.Empty);
                    Assert.That(character.Anchors, Is.All.Matches<string>(a => clip.Prompt.Contains(a, StringComparison.Ordinal)), $"{clip.Id} repeats {character.Id}'s anchors");
                }

                Assert.That(compiled.File.Palette, Is.All.Matches<string>(c => clip.Prompt.Contains(c, StringComparison.Ordinal)), $"{clip.Id} carries the palette");
            }

            Assert.That(compiled.File.Lighting, Is.Not.Null);
            Assert.That(clips.Where(c => c.SceneId != "opening"), Is.All.Matches<ClipPlan>(c => c.Prompt.Contains(compiled.File.Lighting!, StringComparison.Ordinal)));
        });
    }

    [Test]
    public void Transitions_uses_crossfade_and_fade_black_and_captions_the_dialogue()
    {
        var file = Compile("examples/transitions.yaml").File;
        var used = file.Scenes.Skip(1).Select(s => s.Transition ?? file.Output.Transition).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(used.Select(t => t.Kind), Does.Contain(TransitionKind.Crossfade).And.Contain(TransitionKind.FadeBlack));
            Assert.That(used, Is.All.Matches<TransitionSpec>(t => t.Kind != TransitionKind.Cut && t.Duration > 0));
            Assert.That(file.Scenes.Skip(1).Any(s => s.Transition is null), Is.True, "a scene that takes output.transition");
            Assert.That(file.Output.Captions, Is.Not.EqualTo(Captions.None));
            Assert.That(file.Scenes.Count(s => s.Dialogue.Count > 0), Is.GreaterThanOrEqualTo(2));
        });
    }

    [Test]
    public void The_coffee_ad_is_a_realistic_multi_scene_pipeline()
    {
        var compiled = Compile("pipelines/coffee-ad.yaml");
        var file = compiled.File;
        var total = file.Scenes.Sum(s => s.Duration);

        Assert.Multiple(() =>
        {
            Assert.That(total, Is.InRange(45m, 60m));
            Assert.That(file.Scenes, Has.Count.GreaterThanOrEqualTo(6));
            Assert.That(file.Characters, Has.Count.InRange(2, 3));
            Assert.That(file.Characters, Is.All.Matches<Character>(c => c.Anchors.Count > 0));
            Assert.That(file.Palette, Is.Not.Empty);
            Assert.That(file.Lighting, Is.Not.Null);
            Assert.That(file.Scenes.Any(s => s.Dialogue.Count > 0), Is.True);
            Assert.That(file.Scenes.Skip(1).Select(s => (s.Transition ?? file.Output.Transition).Kind).Distinct().Count(), Is.GreaterThanOrEqualTo(2));
            Assert.That(file.Target.Model, Is.EqualTo("sora-2"));
            Assert.That(file.Target.Size, Is.EqualTo(new FrameSize(1280, 720)));
            Assert.That(File.ReadAllText(Repository.Full("pipelines/coffee-ad.yaml")), Does.Contain("backend: openai").And.Contain("max_cost_usd"), "says how to switch to a paid backend");
            foreach (var clip in compiled.Plan.Clips)
            {
                foreach (var character in clip.Characters.Select(id => file.FindCharacter(id)!))
                {
                    Assert.That(character.Anchors, Is.All.Matches<string>(a => clip.Prompt.Contains(a, StringComparison.Ordinal)), $"{clip.Id} repeats {character.Id}'s anchors");
                }
            }
        });
    }

    private static CompiledScene Compile(string file) => SceneCompiler.Compile(Repository.Full(file));
}