using Recreation.Media.Processes;

namespace Recreation.Media.Tests;

public class ProgressTrackerSpecs
{
    [Test]
    public void Progress_is_out_time_over_the_expected_duration()
    {
        var progress = new RecordingProgress<double>();
        var tracker = new ProgressTracker(TimeSpan.FromSeconds(4), progress);

        Feed(tracker, "out_time_us=1000000", "progress=continue");

        Assert.That(progress.Reports, Is.EqualTo(new[] { 0.25 }).Within(1e-9));
    }

    [Test]
    public void Early_NA_values_are_ignored_and_overshoot_is_clamped_below_one()
    {
        var progress = new RecordingProgress<double>();
        var tracker = new ProgressTracker(TimeSpan.FromSeconds(1), progress);

        Feed(tracker, "out_time_us=N/A", "progress=continue", "out_time_us=1500000", "progress=continue");

        Assert.That(progress.Reports, Has.Count.EqualTo(1));
        Assert.That(progress.Reports[0], Is.LessThan(1.0).And.GreaterThan(0.99));
    }

    [Test]
    public void Progress_never_goes_back()
    {
        var progress = new RecordingProgress<double>();
        var tracker = new ProgressTracker(TimeSpan.FromSeconds(10), progress);

        Feed(tracker, "out_time_ms=5000000", "progress=continue", "out_time_ms=4000000", "progress=continue");

        Assert.That(progress.Reports, Is.EqualTo(new[] { 0.5 }));
    }

    [Test]
    public void The_end_block_is_noticed_but_one_is_left_to_the_runner()
    {
        var progress = new RecordingProgress<double>();
        var tracker = new ProgressTracker(TimeSpan.FromSeconds(1), progress);

        Feed(tracker, "out_time_us=1000000", "progress=end");

        Assert.That(tracker.SawEnd, Is.True);
        Assert.That(progress.Reports, Has.None.EqualTo(1.0));
    }

    [Test]
    public void Output_far_past_the_expected_length_is_a_runaway()
    {
        var tracker = new ProgressTracker(TimeSpan.FromSeconds(2), progress: null);

        Feed(tracker, "out_time_us=13000000", "progress=continue");
        Assert.That(tracker.RunawayReason, Is.Null);

        Feed(tracker, "out_time_us=15000000", "progress=continue");
        Assert.That(tracker.RunawayReason, Does.Contain("past twice the expected"));
    }

    [Test]
    public void Nearly_all_frames_duplicated_is_a_runaway()
    {
        var tracker = new ProgressTracker(expectedDuration: null, progress: null);

        Feed(tracker, "frame=1500", "dup_frames=1480", "progress=continue");

        Assert.That(tracker.RunawayReason, Does.Contain("duplicated 1480 of 1500"));
    }

    [Test]
    public void A_normal_rate_change_with_some_duplicates_is_not_a_runaway()
    {
        var tracker = new ProgressTracker(TimeSpan.FromSeconds(100), progress: null);

        Feed(tracker, "frame=3000", "dup_frames=600", "out_time_us=100000000", "progress=continue");

        Assert.That(tracker.RunawayReason, Is.Null);
    }

    private static void Feed(ProgressTracker tracker, params string[] lines)
    {
        foreach (var line in lines)
        {
            tracker.OnLine(line);
        }
    }
}