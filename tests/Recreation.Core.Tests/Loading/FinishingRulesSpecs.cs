using Recreation.Core.Diagnostics;
using Recreation.Core.Model;

namespace Recreation.Core.Tests.Loading;

/// <summary>
/// One parser for the finishing values a scene file and <c>recreate stitch</c> both set: the
/// scene loader and the flags call <see cref="FinishingRules"/>, so a value is accepted by both
/// or refused by both (the CLI side is pinned in RunAndStitchSpecs).
/// </summary>
[CancelAfter(10_000)]
public class FinishingRulesSpecs
{
    [TestCase("cut", TransitionKind.Cut, 0)]
    [TestCase("cut:0", TransitionKind.Cut, 0)]
    [TestCase("crossfade", TransitionKind.Crossfade, 0.5)]
    [TestCase("crossfade:0.25", TransitionKind.Crossfade, 0.25)]
    [TestCase("Fade_Black:5", TransitionKind.FadeBlack, 5)]
    public void Transitions_in_short_form_are_read_the_same_by_the_parser_and_the_scene_file(string text, TransitionKind kind, decimal seconds)
    {
        var (spec, problem) = FinishingRules.ParseTransition(text);

        Assert.That(problem, Is.Null);
        Assert.That(spec, Is.EqualTo(new TransitionSpec(kind, seconds)));
        Assert.That(Scenes.Compile(Scene($"transition: \"{text}\"")).File.Output.Transition, Is.EqualTo(spec));
    }

    [TestCase("cut:0.5", "a cut has no duration")]
    [TestCase("crossfade:0", "must be more than 0 and at most 5 seconds")]
    [TestCase("crossfade:5.01", "must be more than 0 and at most 5 seconds")]
    [TestCase("crossfade:soon", "the duration after ':' must be a number of seconds, not 'soon'")]
    [TestCase("wipe:1", "must be one of cut | crossfade | fade-black, not 'wipe'")]
    public void Bad_transitions_are_refused_by_the_parser_and_the_scene_file_with_the_same_words(string text, string message)
    {
        var (spec, problem) = FinishingRules.ParseTransition(text);

        Assert.That(spec, Is.Null);
        Assert.That(problem, Does.Contain(message));
        var error = Assert.Throws<InvalidInputException>(() => Scenes.Compile(Scene($"transition: \"{text}\"")));
        Assert.That(error!.Errors.Single().Message, Is.EqualTo(problem));
    }

    [Test]
    public void The_long_form_follows_the_same_rules()
    {
        var error = Assert.Throws<InvalidInputException>(() => Scenes.Compile(Scene("transition: { type: cut, duration: 0.5 }")));
        Assert.That(error!.Errors.Single().ToString(), Does.Contain("output.transition.duration: a cut has no duration"));
        Assert.That(Scenes.Compile(Scene("transition: { type: fade-black }")).File.Output.Transition, Is.EqualTo(new TransitionSpec(TransitionKind.FadeBlack, 0.5m)));
    }

    [TestCase(-70, true)]
    [TestCase(-5, true)]
    [TestCase(-70.1, false)]
    [TestCase(-4.9, false)]
    public void Loudness_limits_are_one_pair_of_constants(decimal lufs, bool accepted)
    {
        Assert.That(FinishingRules.LoudnessProblem(lufs) is null, Is.EqualTo(accepted));
        Assert.That(Accepts(Scene($"loudness: {lufs.ToString(System.Globalization.CultureInfo.InvariantCulture)}")), Is.EqualTo(accepted));
    }

    [TestCase(0, true)]
    [TestCase(2, true)]
    [TestCase(2.01, false)]
    [TestCase(-0.1, false)]
    public void Music_volume_limits_are_one_constant(decimal volume, bool accepted)
    {
        Assert.That(FinishingRules.MusicVolumeProblem(volume) is null, Is.EqualTo(accepted));
        // The music file is missing in these specs, so only the volume's own error is counted.
        var errors = Errors(Scene($"music: {{ path: bed.ogg, volume: {volume.ToString(System.Globalization.CultureInfo.InvariantCulture)} }}"));
        Assert.That(errors.Any(e => e.Path == "output.music.volume"), Is.EqualTo(!accepted));
    }

    [Test]
    public void The_rules_name_their_limits()
    {
        Assert.That(FinishingRules.LoudnessRule, Does.Contain("between -70 and -5 LUFS"));
        Assert.That(FinishingRules.MusicVolumeRule, Does.Contain("between 0 and 2"));
        Assert.That(FinishingRules.TransitionDurationRule, Is.EqualTo("must be more than 0 and at most 5 seconds"));
    }

    private static string Scene(string output) => $"version: 1\noutput: {{ {output} }}\nscenes:\n  - {{ id: a, duration: 4, description: A quiet street. }}\n";

    private static bool Accepts(string yaml) => Errors(yaml).Count == 0;

    private static IReadOnlyList<Diagnostic> Errors(string yaml)
    {
        try
        {
            Scenes.Compile(yaml);
            return [];
        }
        catch (InvalidInputException e)
        {
            return e.Errors.ToList();
        }
    }
}