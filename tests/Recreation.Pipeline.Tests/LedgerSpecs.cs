using System.Text.Json;

using Recreation.Core;
using Recreation.Pipeline.Ledger;
using Recreation.Pipeline.Workspace;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests;

public class LedgerSpecs
{
    [Test]
    public void Every_change_is_on_disk_before_save_returns_and_survives_a_reopen()
    {
        using var temp = new TempDirectory();
        var path = temp.File("ledger.json");
        var ledger = RunLedger.Open(path);
        ledger.Save(new ClipRecord { Id = "a-1", CacheKey = "k1", Seconds = 8, EstimatedUsd = 0.8m });
        ledger.Update("a-1", r => r with { State = ClipState.Submitted, JobId = "video_123", Attempts = 1 });

        var reopened = RunLedger.Open(path).Find("a-1")!;
        Assert.That(reopened.State, Is.EqualTo(ClipState.Submitted));
        Assert.That(reopened.JobId, Is.EqualTo("video_123"));
        Assert.That(reopened.EstimatedUsd, Is.EqualTo(0.8m));
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { "ledger.json" }), "the temp file is renamed into place");

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Assert.That(json.RootElement.GetProperty("clips")[0].GetProperty("state").GetString(), Is.EqualTo("Submitted"));
        Assert.That(json.RootElement.GetProperty("clips")[0].GetProperty("job_id").GetString(), Is.EqualTo("video_123"));
    }

    [Test]
    public void A_damaged_ledger_is_reported_with_what_to_do()
    {
        using var temp = new TempDirectory();
        var path = temp.File("ledger.json");
        File.WriteAllText(path, "{ \"clips\": [ {");
        var error = Assert.Throws<RecreationException>(() => RunLedger.Open(path))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain("Move it aside"));
    }

    [Test]
    public void Parallel_updates_all_land()
    {
        using var temp = new TempDirectory();
        var ledger = RunLedger.Open(temp.File("ledger.json"));
        Parallel.For(0, 40, i => ledger.Save(new ClipRecord { Id = $"c-{i}", CacheKey = $"k{i}" }));
        Assert.That(RunLedger.Open(temp.File("ledger.json")).All, Has.Count.EqualTo(40));
    }

    [Test]
    public void Two_runs_cannot_hold_one_workspace()
    {
        using var temp = new TempDirectory();
        using (RunWorkspace.Open(temp.Path))
        {
            // A RecreationException of its own type, so that a batch tells a locked item from a failed one.
            var error = Assert.Throws<WorkspaceLockedException>(() => RunWorkspace.Open(temp.Path))!;
            Assert.That(error, Is.InstanceOf<RecreationException>());
            Assert.That(error.Message, Does.Contain("Another recreate run is using the workspace"));
        }

        using var again = RunWorkspace.Open(temp.Path);
        Assert.That(Directory.Exists(again.ClipsFolder));
    }
}