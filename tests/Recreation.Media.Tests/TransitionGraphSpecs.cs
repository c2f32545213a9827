using System.Text.RegularExpressions;

using Recreation.Media.Stitching;

namespace Recreation.Media.Tests;

public partial class TransitionGraphSpecs
{
    [Test]
    public void Offsets_follow_the_sum_of_durations_less_the_overlaps_so_far()
    {
        // FFMPEG.md's measured case: 8, 4, 6, 4, 5, 3 s with 1 s crossfades gave exactly 25 s, 750 frames.
        long[] frames = [240, 120, 180, 120, 150, 90];
        var fade = Transition.Crossfade(TimeSpan.FromSeconds(1));

        var graph = TransitionGraph.Build(frames, [fade, fade, fade, fade, fade], 30, Name);

        Assert.That(graph.TotalFrames, Is.EqualTo(750));
        Assert.That(graph.OverlapFrames, Is.EqualTo(150));
        Assert.That(Offsets().Matches(graph.Filter).Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "7", "10", "15", "18", "22" }));
    }

    [Test]
    public void Cuts_between_transitions_add_no_overlap()
    {
        long[] frames = [25, 25, 25];

        var graph = TransitionGraph.Build(frames, [Transition.Cut, Transition.FadeBlack(TimeSpan.FromSeconds(0.4))], 25, Name);

        Assert.That(graph.TotalFrames, Is.EqualTo(65));
        Assert.That(Offsets().Matches(graph.Filter).Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "1.6" }));
        Assert.That(graph.Filter, Does.Contain("concat=n=2:v=1:a=0").And.EndWith("format=yuv420p[vout];[aj2]anull[aout]"));
    }

    [Test]
    public void Every_input_is_retimed_and_its_audio_cut_to_its_video()
    {
        var graph = TransitionGraph.Build([30, 45], [Transition.Crossfade(TimeSpan.FromSeconds(0.5))], 30, Name);

        Assert.That(graph.Filter, Does.StartWith("[0:v:0]settb=AVTB,setpts=PTS-STARTPTS[v0];[0:a:0]asetpts=PTS-STARTPTS,apad,atrim=end_sample=48000[a0];"));
        Assert.That(graph.Filter, Does.Contain("atrim=end_sample=72000[a1]").And.Contain("acrossfade=ns=24000"));
    }

    [Test]
    public void A_transition_shorter_than_a_frame_is_refused()
    {
        var error = Assert.Throws<MediaException>(() => TransitionGraph.Build([30, 30], [Transition.Crossfade(TimeSpan.FromMilliseconds(10))], 30, Name));

        Assert.That(error!.Message, Does.Contain("the Crossfade into clip 2 is shorter than one frame"));
    }

    [Test]
    public void A_concat_list_quotes_paths_as_the_demuxer_reads_them()
    {
        var list = ConcatList.Format([new ConcatList.Entry("/clips/it's here.mp4", TimeSpan.FromSeconds(2), OutPoint: TimeSpan.FromSeconds(2))]);

        Assert.That(list, Is.EqualTo("ffconcat version 1.0\nfile '/clips/it'\\''s here.mp4'\nduration 2\noutpoint 2\n"));
    }

    private static string Name(int index) => $"clip {index + 1}";

    [GeneratedRegex(@"xfade=transition=\w+:duration=[0-9.]+:offset=([0-9.]+)")]
    private static partial Regex Offsets();
}