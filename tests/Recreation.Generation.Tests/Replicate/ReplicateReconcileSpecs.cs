using System.Text.Json.Nodes;

using Recreation.Generation.Replicate;
using Recreation.Testing.FakeProviders;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Generation.Tests.Replicate;

/// <summary>
/// A create whose answer was lost, against the fake Replicate API: found in the prediction list (by
/// model and input, page by page, back to the attempt's start) and adopted, proved absent and sent
/// again once, or undecided when the pages run out.
/// </summary>
[CancelAfter(120_000)]
public class ReplicateReconcileSpecs
{
    private const string Kling = ReplicateRig.Kling;

    [Test]
    public async Task A_create_whose_answer_was_lost_after_the_prediction_was_made_is_found_in_the_list_and_nothing_new_is_created(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        var generator = rig.Generator();
        // Other predictions of the same model, made after the lost one, and a page size that makes the search page.
        rig.Server.PageSize = 2;
        var request = await rig.RequestAsync("a-1", cancellationToken);
        rig.Server.Faults.Enqueue(FakeFault.DropAfterHandling(), FakeEndpoint.Create);

        var job = await generator.SubmitAsync(request, cancellationToken);

        Assert.That(rig.Server.JobsCreated, Is.EqualTo(1), "nothing new was created");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.Create), Is.EqualTo(1), "the create was not sent again");
        Assert.That(job.JobId, Is.EqualTo(rig.Server.Jobs.Single().Id), "the lost prediction is the clip's job");
        Assert.That(rig.Server.CountRequests(FakeEndpoint.List), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task A_create_cut_off_before_it_arrived_is_proved_absent_by_the_list_and_sent_again_once(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        var generator = rig.Generator();
        rig.Server.Faults.Enqueue(FakeFault.DropBeforeHandling(), FakeEndpoint.Create);

        var job = await generator.SubmitAsync(await rig.RequestAsync("a-1", cancellationToken), cancellationToken);

        Assert.That((rig.Server.CountRequests(FakeEndpoint.Create), rig.Server.JobsCreated), Is.EqualTo((2, 1)));
        Assert.That(job.JobId, Is.EqualTo(rig.Server.Jobs.Single().Id));
    }

    [Test]
    public async Task The_list_is_searched_page_by_page_by_model_and_input_and_stops_at_the_attempts_start(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(cancellationToken: cancellationToken);
        rig.Server.PageSize = 2;
        var model = ReplicateModel.Parse(Kling);
        var wanted = await rig.KlingInputAsync(cancellationToken, "A kite rises.");
        var since = rig.Time.GetUtcNow();
        var lost = await rig.Client.CreateAsync(model, wanted, cancellationToken);
        for (var i = 0; i < 5; i++)
        {
            await rig.Client.CreateAsync(model, await rig.KlingInputAsync(cancellationToken, $"Another kite {i}."), cancellationToken);
        }

        var found = await rig.Client.FindAsync(model, wanted, since, cancellationToken);
        var listsToFind = rig.Server.CountRequests(FakeEndpoint.List);
        var otherModel = await rig.Client.FindAsync(ReplicateModel.Parse("google/veo-3"), wanted, since, cancellationToken);
        var tooLate = await rig.Client.FindAsync(model, wanted, rig.Time.GetUtcNow().AddMinutes(1), cancellationToken);

        Assert.That(found!.Id, Is.EqualTo(lost.Id));
        Assert.That(listsToFind, Is.EqualTo(3), "six predictions, two a page, the lost one the oldest");
        Assert.That(rig.Server.Requests.Where(r => r.Endpoint == FakeEndpoint.List).Take(listsToFind).Skip(1).Select(r => r.PathAndQuery), Has.All.StartWith("/v1/predictions?cursor="));
        Assert.That(otherModel, Is.Null);
        Assert.That(tooLate, Is.Null, "predictions older than the attempt are not looked at");
        var limited = rig.NewClient(o => o.ReconcilePages = 2);
        Assert.ThrowsAsync<ReplicateReconcileException>(async () => await limited.FindAsync(model, wanted, since.AddMinutes(-5), cancellationToken), "more pages than allowed: cannot tell");
    }

    [Test]
    public void Inputs_match_field_by_field_and_a_data_uri_may_come_back_as_a_url()
    {
        var sent = JsonNode.Parse("""{"prompt":"A kite.","duration":5,"start_image":"data:image/png;base64,AAAA","mode":"standard"}""")!.AsObject();

        Assert.That(ReplicateClient.InputsMatch(sent, JsonNode.Parse("""{"prompt":"A kite.","duration":5.0,"start_image":"https://replicate.delivery/pbxt/in.png","mode":"standard","cfg_scale":0.5}""")!.AsObject()), Is.True);
        Assert.That(ReplicateClient.InputsMatch(sent, JsonNode.Parse("""{"prompt":"A kite!","duration":5,"start_image":"data:image/png;base64,AAAA","mode":"standard"}""")!.AsObject()), Is.False);
        Assert.That(ReplicateClient.InputsMatch(sent, JsonNode.Parse("""{"prompt":"A kite.","duration":10,"start_image":"data:image/png;base64,AAAA","mode":"standard"}""")!.AsObject()), Is.False);
        Assert.That(ReplicateClient.InputsMatch(sent, JsonNode.Parse("""{"prompt":"A kite.","duration":5,"start_image":"data:image/png;base64,BBBB","mode":"standard"}""")!.AsObject()), Is.False);
        Assert.That(ReplicateClient.InputsMatch(sent, JsonNode.Parse("""{"prompt":"A kite.","duration":5,"mode":"standard"}""")!.AsObject()), Is.False);
    }

    [Test]
    public async Task A_lost_create_the_list_cannot_settle_in_its_own_run_is_in_doubt_at_once_and_not_sent_again(CancellationToken cancellationToken)
    {
        await using var rig = await ReplicateRig.StartAsync(realTime: true, cancellationToken: cancellationToken);
        // One prediction a page, one page read: a newer prediction hides the lost one.
        rig.Server.PageSize = 1;
        var client = rig.NewClient(o =>
        {
            o.ReconcilePages = 1;
            o.ReconcileDelay = TimeSpan.FromSeconds(3);
        });
        rig.Server.Faults.Enqueue(FakeFault.DropAfterHandling(), FakeEndpoint.Create);
        var lost = new ReplicateClipGenerator(client, ReplicateRig.Profile()).SubmitAsync(await rig.RequestAsync("a-1", cancellationToken), cancellationToken);
        for (var i = 0; i < 1000 && rig.Server.JobsCreated == 0; i++)
        {
            await Task.Delay(10, cancellationToken);
        }

        await rig.Generator().SubmitAsync(await rig.RequestAsync("a-2", cancellationToken), cancellationToken);

        var error = Assert.ThrowsAsync<ReplicateReconcileException>(async () => await lost);
        Assert.That(error, Is.InstanceOf<LostCreateUndecidedException>(), "the pipeline marks the clip in doubt");
        Assert.That(error!.Message, Does.Contain("more than 1 pages"));
        Assert.That((rig.Server.CountRequests(FakeEndpoint.Create), rig.Server.JobsCreated), Is.EqualTo((2, 2)), "the lost create was not sent again");
    }
}