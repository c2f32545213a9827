using Recreation.Pipeline.Running;

namespace Recreation.Pipeline.Tests.Batch;

/// <summary>
/// The one limit on ffmpeg processes across runs: short steps take one slot, big encodes two, first
/// come first served; a cancelled waiter leaves nothing behind.
/// </summary>
[CancelAfter(10_000)]
public class MediaSlotsSpecs
{
    [Test]
    public void Big_encodes_weigh_two_slots_and_short_steps_one()
    {
        Assert.That(MediaSlots.WeightOf(320, 180, 24), Is.EqualTo(1), "a one-second tiny clip");
        Assert.That(MediaSlots.WeightOf(1920, 1080, 30), Is.EqualTo(1), "one second of 1080p30 is still short");
        Assert.That(MediaSlots.WeightOf(1920, 1080, 31), Is.EqualTo(2));
        Assert.That(MediaSlots.WeightOf(1280, 720, 8 * 30), Is.EqualTo(2), "an 8 s 720p clip");
    }

    [Test]
    public async Task Short_steps_fill_every_slot_and_a_big_one_waits_for_two(CancellationToken cancellationToken)
    {
        var slots = new MediaSlots(2);
        var a = await slots.TakeAsync(1, cancellationToken);
        var b = await slots.TakeAsync(1, cancellationToken);
        Assert.That(slots.InUse, Is.EqualTo(2), "two short steps at once on two slots");

        var big = slots.TakeAsync(MediaSlots.BigStepWeight, cancellationToken);
        var later = slots.TakeAsync(1, cancellationToken);
        slots.Release(a);
        await Task.Delay(50, cancellationToken);
        Assert.That(big.IsCompleted, Is.False, "one slot free is not enough for a big step");
        Assert.That(later.IsCompleted, Is.False, "a short step that came later does not pass the big one");

        slots.Release(b);
        Assert.That(await big, Is.EqualTo(2));
        Assert.That(slots.InUse, Is.EqualTo(2));
        Assert.That(later.IsCompleted, Is.False, "the big step holds both slots");

        slots.Release(2);
        Assert.That(await later, Is.EqualTo(1));
        slots.Release(1);
        Assert.That(slots.InUse, Is.Zero);
    }

    [Test]
    public async Task A_big_step_on_one_slot_takes_that_slot(CancellationToken cancellationToken)
    {
        var slots = new MediaSlots(1);
        Assert.That(await slots.TakeAsync(MediaSlots.BigStepWeight, cancellationToken), Is.EqualTo(1));
        Assert.That(slots.InUse, Is.EqualTo(1));
    }

    [Test]
    public async Task A_cancelled_waiter_takes_nothing_and_lets_those_behind_it_start(CancellationToken cancellationToken)
    {
        var slots = new MediaSlots(2);
        var held = await slots.TakeAsync(1, cancellationToken);
        using var cancel = new CancellationTokenSource();
        var big = slots.TakeAsync(2, cancel.Token);
        var small = slots.TakeAsync(1, cancellationToken);
        Assert.That(small.IsCompleted, Is.False, "behind the big waiter");

        await cancel.CancelAsync();

        Assert.CatchAsync<OperationCanceledException>(async () => await big);
        Assert.That(await small, Is.EqualTo(1), "the free slot goes to the next in line");
        Assert.That(slots.InUse, Is.EqualTo(2));
        slots.Release(held);
        slots.Release(1);
        Assert.That(slots.InUse, Is.Zero);
    }

    [Test]
    public async Task Work_holds_its_slots_while_it_runs_and_gives_them_back_when_it_throws(CancellationToken cancellationToken)
    {
        var slots = new MediaSlots(4);
        var inside = await slots.WithAsync(2, () => Task.FromResult(slots.InUse), cancellationToken);
        Assert.That(inside, Is.EqualTo(2));
        Assert.ThrowsAsync<InvalidOperationException>(() => slots.WithAsync<int>(1, () => throw new InvalidOperationException("boom"), cancellationToken));
        Assert.That(slots.InUse, Is.Zero);
    }
}