using Recreation.Media.Probing;
using Recreation.Media.Stitching;

namespace Recreation.Media.Tests;

public class FastPathPlannerSpecs
{
    private static readonly StitchSettings Settings = new(1280, 720, FitMode.Cover, 30);

    [Test]
    public void Identical_clips_cut_together_are_copied()
    {
        var decision = Decide([Clip(), Clip(), Clip()]);

        Assert.That(decision.Path, Is.EqualTo(StitchPath.StreamCopy));
        Assert.That(decision.Reason, Does.StartWith("all 3 clips already share"));
    }

    [Test]
    public void Different_codec_parameters_are_caught_by_the_extradata_hash()
    {
        var decision = Decide([Clip(), Clip() with { Video = Video() with { ExtradataHash = "SHA256:other" } }]);

        Assert.That(decision.Reason, Is.EqualTo("clip 2 ('clip-2.mp4') differs from the first clip in codec parameters (SPS/PPS extradata)"));
    }

    [TestCase(44100, 2, "audio sample rate (44100 vs 48000 Hz)")]
    [TestCase(48000, 1, "audio channels (mono vs stereo)")]
    public void Different_audio_is_not_copied(int rate, int channels, string difference)
    {
        var audio = Audio() with { SampleRate = rate, Channels = channels, ChannelLayout = channels == 1 ? "mono" : "stereo" };

        var decision = Decide([Clip(), Clip() with { Audio = audio }]);

        Assert.That(decision.Path, Is.EqualTo(StitchPath.Conform));
        Assert.That(decision.Reason, Does.EndWith(difference));
    }

    [Test]
    public void A_clip_with_audio_after_one_without_is_not_copied()
    {
        var decision = Decide([Clip() with { Audio = null }, Clip()]);

        Assert.That(decision.Reason, Does.EndWith("differs from the first clip in having audio"));
    }

    [Test]
    public void Rotated_variable_rate_anamorphic_or_interlaced_clips_are_not_copied()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Decide([Clip() with { Video = Video() with { Rotation = 90 } }]).Reason, Does.EndWith("is rotated by 90°"));
            Assert.That(Decide([Clip() with { Video = Video() with { AvgFrameRate = new Rational(2997, 100) } }]).Reason, Does.Contain("variable frame rate"));
            Assert.That(Decide([Clip() with { Video = Video() with { SampleAspectRatio = new Rational(4, 3) } }]).Reason, Does.Contain("non-square pixels (SAR 4/3)"));
            Assert.That(Decide([Clip() with { Video = Video() with { FieldOrder = "tt" } }]).Reason, Does.EndWith("is interlaced (tt)"));
        });
    }

    [Test]
    public void Clips_that_are_not_what_the_output_must_be_are_not_copied()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Decide([Clip() with { Video = Video() with { Codec = "vp9" } }]).Reason, Does.EndWith("is vp9, and the output must be H.264"));
            Assert.That(Decide([Clip() with { Video = Video() with { PixelFormat = "yuv420p10le" } }]).Reason, Does.Contain("yuv420p10le"));
            Assert.That(Decide([Clip()], settings: Settings with { Fps = 25 }).Reason, Does.EndWith("runs at 30 fps, and the output at 25"));
            Assert.That(Decide([Clip()], settings: Settings with { Width = 1920, Height = 1080 }).Reason, Does.EndWith("is 1280x720, and the output is 1920x1080"));
        });
    }

    [Test]
    public void Trimming_by_more_than_a_frame_needs_a_conform_but_within_a_frame_does_not()
    {
        Assert.That(Decide([Clip()], trims: [TimeSpan.FromSeconds(3.9)]).Reason, Does.EndWith("must be trimmed from 4 s to 3.9 s"));
        Assert.That(Decide([Clip()], trims: [TimeSpan.FromSeconds(3.98)]).Path, Is.EqualTo(StitchPath.StreamCopy));
    }

    [Test]
    public void Any_transition_other_than_a_cut_needs_a_conform()
    {
        var decision = Decide([Clip(), Clip(), Clip()], transitions: [Transition.Cut, Transition.FadeBlack(TimeSpan.FromSeconds(1))]);

        Assert.That(decision.Reason, Is.EqualTo("the transition into clip 3 ('clip-3.mp4') is a FadeBlack, which needs re-encoding"));
    }

    [Test]
    public void Audio_much_shorter_than_video_needs_a_conform()
    {
        var decision = Decide([Clip() with { Audio = Audio() with { Duration = TimeSpan.FromSeconds(3.5) } }]);

        Assert.That(decision.Reason, Does.EndWith("has 0.5 s less audio than video, which would need silence added"));
    }

    private static StitchDecision Decide(MediaInfo[] infos, TimeSpan?[]? trims = null, Transition[]? transitions = null, StitchSettings? settings = null)
    {
        var clips = infos.Select((_, i) => new StitchClip($"/clips/clip-{i + 1}.mp4", trims?[i])).ToList();
        return FastPathPlanner.Decide(infos, clips, transitions ?? Enumerable.Repeat(Transition.Cut, infos.Length - 1).ToArray(), settings ?? Settings);
    }

    private static MediaInfo Clip()
    {
        return new MediaInfo("/clips/clip.mp4", "mov,mp4,m4a,3gp,3g2,mj2", TimeSpan.FromSeconds(4), TimeSpan.Zero, 1_000_000, null, Video(), Audio(), 1, 1);
    }

    private static VideoStreamInfo Video()
    {
        return new VideoStreamInfo(0, "h264", "High", 1280, 720, 0, Rational.One, 30, 30, "yuv420p", new Rational(1, 15360), "progressive",
            new ColorTags("bt709", "bt709", "bt709", "tv"), "SHA256:abc", 120, TimeSpan.FromSeconds(4), TimeSpan.Zero);
    }

    private static AudioStreamInfo Audio()
    {
        return new AudioStreamInfo(1, "aac", "LC", 48000, 2, "stereo", TimeSpan.FromSeconds(4), TimeSpan.Zero);
    }
}