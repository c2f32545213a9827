using Recreation.Core.Batch;
using Recreation.Core.Diagnostics;
using Recreation.Core.Model;
using Recreation.Testing;

namespace Recreation.Core.Tests.Batch;

[CancelAfter(30_000)]
public class BatchFileSpecs
{
    private const string Scene = """
        version: 1
        title: {0}
        scenes:
          - { id: a, duration: 2, description: A quiet street. }
        """;

    private static void WriteScene(TempDirectory temp, string name) =>
        File.WriteAllText(temp.File(name), Scene.Replace("{0}", Path.GetFileNameWithoutExtension(name), StringComparison.Ordinal));

    [Test]
    public void A_batch_file_lists_items_with_overrides_relative_to_itself()
    {
        using var temp = new TempDirectory();
        temp.Folder("jobs/scenes");
        WriteScene(temp, "jobs/scenes/pier.yaml");
        WriteScene(temp, "jobs/scenes/dock.yaml");
        File.WriteAllText(temp.File("jobs/batch.yaml"), """
            version: 1
            max_cost_usd: 12.5
            items:
              - scenes/dock.yaml
              - scene: scenes/pier.yaml
                id: pier
                output: out/pier-final.mp4
                target: { backend: openai, concurrency: 4, max_cost_usd: 2.5 }
            """);

        var batch = BatchFileReader.Load(temp.File("jobs/batch.yaml"));

        Assert.That(batch.MaxCostUsd, Is.EqualTo(12.5m));
        Assert.That(batch.Items, Has.Count.EqualTo(2));
        Assert.That(batch.Items[0] with { Source = "" }, Is.EqualTo(new BatchItem("scenes/dock.yaml", temp.File("jobs/scenes/dock.yaml"))));
        Assert.That(batch.Items[1] with { Source = "" }, Is.EqualTo(new BatchItem("pier", temp.File("jobs/scenes/pier.yaml"), temp.File("jobs/out/pier-final.mp4"), "openai", 4, 2.5m)));
    }

    [Test]
    public void Every_problem_of_a_batch_file_is_reported_with_its_line_and_column()
    {
        using var temp = new TempDirectory();
        WriteScene(temp, "one.yaml");
        File.WriteAllText(temp.File("batch.yaml"), """
            version: 1
            items:
              - scene: missing.yaml
              - scene: one.yaml
                target: { backend: sora, concurency: 2 }
              - scene: one.yaml
                target: { max_cost_usd: -1 }
                outptu: x.mp4
            """);

        var e = Assert.Throws<InvalidInputException>(() => BatchFileReader.Load(temp.File("batch.yaml")))!;
        var lines = e.Errors.Select(d => d.ToString()).ToList();

        Assert.That(lines, Has.Some.Matches<string>(l => l.Contains("batch.yaml:3:12: items[0].scene: 'missing.yaml' does not exist", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.That(lines, Has.Some.Contains("batch.yaml:5:24: items[1].target.backend: must be one of"));
        Assert.That(lines, Has.Some.Contains("batch.yaml:5:30: items[1].target.concurency: unknown key; did you mean 'concurrency'?"));
        Assert.That(lines, Has.Some.Contains("batch.yaml:7:29: items[2].target.max_cost_usd: must be >= 0"));
        Assert.That(lines, Has.Some.Contains("batch.yaml:8:5: items[2].outptu: unknown key; did you mean 'output'?"));
    }

    [Test]
    public void An_items_backend_is_any_name_the_registry_knows_as_registered()
    {
        using var temp = new TempDirectory();
        WriteScene(temp, "one.yaml");
        File.WriteAllText(temp.File("batch.yaml"), """
            version: 1
            items:
              - scene: one.yaml
                target: { backend: Runway }
            """);
        var registry = new KnownBackends(new[] { "placeholder", "runway", "manual" }, new[] { "placeholder", "manual" });

        Assert.That(BatchFileReader.Load(temp.File("batch.yaml"), registry).Items[0].Backend, Is.EqualTo("runway"));
        var e = Assert.Throws<InvalidInputException>(() => BatchFileReader.Load(temp.File("batch.yaml"), KnownBackends.BuiltIn))!;
        Assert.That(e.Errors.Single().ToString(), Does.Contain("batch.yaml:4:24: items[0].target.backend: must be one of placeholder | openai | manual, not 'Runway'"));
    }

    [Test]
    public void Folders_expand_to_their_scene_files_and_skip_other_yaml_and_hidden_folders()
    {
        using var temp = new TempDirectory();
        temp.Folder("films/b");
        temp.Folder("films/.recreation");
        WriteScene(temp, "films/a.yaml");
        WriteScene(temp, "films/b/c.yml");
        WriteScene(temp, "films/.recreation/hidden.yaml");
        File.WriteAllText(temp.File("films/profiles.yaml"), "profiles: []\n");

        var (items, budget) = BatchItems.Expand(["films"], temp.Path);

        Assert.That(items.Select(i => i.Id), Is.EqualTo(new[] { "films/a.yaml", "films/b/c.yml" }));
        Assert.That(budget, Is.Null);
    }

    [Test]
    public void An_item_named_twice_or_a_path_that_does_not_exist_is_invalid_input()
    {
        using var temp = new TempDirectory();
        WriteScene(temp, "a.yaml");

        var e = Assert.Throws<InvalidInputException>(() => BatchItems.Expand(["a.yaml", ".", "nowhere"], temp.Path))!;

        Assert.That(e.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
        Assert.That(e.Errors.Select(d => d.ToString()), Has.Some.Contains("nowhere: not found").And.Some.Contains("the item 'a.yaml' is named 2 times"));
    }

    [Test]
    public void Items_are_sorted_by_id_whatever_order_they_are_named_in()
    {
        using var temp = new TempDirectory();
        foreach (var name in new[] { "c.yaml", "a.yaml", "b.yaml" })
        {
            WriteScene(temp, name);
        }

        var (items, _) = BatchItems.Expand(["c.yaml", "a.yaml", "b.yaml"], temp.Path);

        Assert.That(items.Select(i => i.Id), Is.EqualTo(new[] { "a.yaml", "b.yaml", "c.yaml" }));
    }
}