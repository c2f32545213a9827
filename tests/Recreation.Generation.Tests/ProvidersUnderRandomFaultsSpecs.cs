using Recreation.Core.Model;
using Recreation.Generation.Gemini;
using Recreation.Generation.Runway;
using Recreation.Generation.Tests.Gemini;
using Recreation.Generation.Tests.Runway;

namespace Recreation.Generation.Tests;

/// <summary>The clients alone against their fakes with three requests in ten failing at random (both listeners): six clips, six jobs, six whole files, no credential to the download host.</summary>
[CancelAfter(240_000)]
public class ProvidersUnderRandomFaultsSpecs
{
    [Test]
    public async Task Six_veo_clips_finish_with_one_operation_each(CancellationToken cancellationToken)
    {
        await using var rig = await GeminiRig.StartAsync(o => o with { RandomFaultRate = 0.3, Seed = 5 }, cancellationToken: cancellationToken);
        var client = rig.NewClient(o => (o.MaxRetryAttempts, o.MaxRetryAfter) = (10, TimeSpan.FromSeconds(1)));

        for (var i = 0; i < 6; i++)
        {
            var started = await client.StartAsync(new GeminiVideoRequest("veo-3.1-lite-generate-preview", $"Shot {i}.", new FrameSize(1280, 720), 4), cancellationToken);
            var done = await client.WaitAsync(started.Name, null, cancellationToken);
            await client.DownloadAsync(done.VideoUris.Single(), rig.Temp.File($"clip{i}.mp4"), null, cancellationToken);
        }

        Assert.That(rig.Server.JobsCreated, Is.EqualTo(6));
        Assert.That(rig.Server.Requests.Count(r => r.Fault is not null) + rig.Server.Downloads.Requests.Count(r => r.Fault is not null), Is.GreaterThan(4), "the faults really happened");
        Assert.That(rig.Server.Downloads.Requests.Select(r => r.CarriedCredential), Is.All.False);
        Assert.That(Directory.GetFiles(rig.Temp.Path, "clip*.mp4").Select(f => new FileInfo(f).Length).Distinct().Count(), Is.EqualTo(1), "six whole copies of the same rendered clip");
    }

    [Test]
    public async Task Six_runway_clips_finish_with_one_task_each(CancellationToken cancellationToken)
    {
        await using var rig = await RunwayRig.StartAsync(o => o with { RandomFaultRate = 0.3, Seed = 9 }, cancellationToken: cancellationToken);
        var client = rig.NewClient(o => (o.MaxRetryAttempts, o.MaxRetryAfter) = (10, TimeSpan.FromSeconds(1)));

        for (var i = 0; i < 6; i++)
        {
            var id = await client.CreateAsync(new RunwayVideoRequest("gen4.5", $"Shot {i}.", new FrameSize(1280, 720), 2), cancellationToken);
            await client.WaitAsync(id, null, cancellationToken);
            await client.DownloadAsync(id, rig.Temp.File($"clip{i}.mp4"), null, cancellationToken);
        }

        Assert.That(rig.Server.JobsCreated, Is.EqualTo(6));
        Assert.That(rig.Server.Requests.Count(r => r.Fault is not null) + rig.Server.Downloads.Requests.Count(r => r.Fault is not null), Is.GreaterThan(4), "the faults really happened");
        Assert.That(rig.Server.Downloads.Requests.Select(r => r.CarriedCredential), Is.All.False);
        Assert.That(Directory.GetFiles(rig.Temp.Path, "clip*.mp4").Select(f => new FileInfo(f).Length).Distinct().Count(), Is.EqualTo(1));
    }
}