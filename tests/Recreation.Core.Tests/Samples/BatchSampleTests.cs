using System.Text.Json.Nodes;

using Recreation.Core.Batch;
using Recreation.Core.Diagnostics;
using Recreation.Core.Model;

namespace Recreation.Core.Tests.Samples;

/// <summary>
/// The YAML files of examples/ and pipelines/ that are not scene files: batch files load, compile and
/// conform to schema/batch.schema.json; the Kubernetes Job and the CI workflow split a batch the way
/// the README says. Every YAML there is one of these kinds or a scene file, so none goes unread.
/// </summary>
[TestFixture]
public sealed class BatchSampleTests
{
    private const string KubernetesJob = "examples/kubernetes/batch-job.yaml";
    private const string CiWorkflow = "examples/ci/github-actions-batch.yml";

    public static IEnumerable<TestCaseData> BatchFiles() =>
        Repository.BatchFiles().Select(f => new TestCaseData(f).SetArgDisplayNames(f));

    [Test]
    public void Every_yaml_file_is_a_scene_file_a_batch_file_or_one_of_the_scale_out_examples()
    {
        Assert.That(Repository.BatchFiles(), Does.Contain("examples/batch.yaml"));
        Assert.That(Repository.OtherYamlFiles(), Is.EquivalentTo(new[] { KubernetesJob, CiWorkflow }), "a new kind of YAML file needs a test of its own here");
    }

    [TestCaseSource(nameof(BatchFiles))]
    public void Every_batch_file_loads_names_its_schema_conforms_to_it_and_its_items_compile(string file)
    {
        BatchFile batch;
        try
        {
            batch = BatchFileReader.Load(Repository.Full(file));
        }
        catch (InvalidInputException e)
        {
            Assert.Fail(e.Message);
            return;
        }

        Assert.That(File.ReadLines(Repository.Full(file)).First(), Is.EqualTo("# yaml-language-server: $schema=../schema/batch.schema.json"));
        Assert.That(SchemaChecker.Load(Repository.BatchSchemaPath).Check(YamlAsJson.Load(Repository.Full(file))), Is.Empty);
        Assert.That(batch.Items, Is.Not.Empty);
        foreach (var item in batch.Items)
        {
            Assert.That(SceneCompiler.Compile(item.ScenePath).File.Target.Backend, Is.EqualTo(KnownBackends.Default), item.Id);
        }
    }

    [Test]
    public void The_batch_schema_has_the_loaders_keys_and_backends()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Repository.BatchSchemaPath))!.AsObject();
        var item = schema["$defs"]!["item"]!["oneOf"]![1]!.AsObject();

        Assert.Multiple(() =>
        {
            Assert.That(Keys(schema), Is.EquivalentTo(BatchKeys.Root));
            Assert.That(Keys(item), Is.EquivalentTo(BatchKeys.Item));
            Assert.That(Keys(item["properties"]!["target"]!.AsObject()), Is.EquivalentTo(BatchKeys.Target));
            // Backends are plug-ins: the batch schema takes names the way the scene schema does, and shows the same ones.
            var backend = item["properties"]!["target"]!["properties"]!["backend"]!;
            var scene = JsonNode.Parse(File.ReadAllText(Repository.SchemaPath))!["$defs"]!["target"]!["properties"]!["backend"]!;
            Assert.That(backend["pattern"]!.GetValue<string>(), Is.EqualTo(scene["pattern"]!.GetValue<string>()));
            Assert.That(backend["examples"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EquivalentTo(KnownBackends.BuiltIn.Names));
        });
    }

    [Test]
    public void The_kubernetes_example_is_an_indexed_job_whose_pods_each_run_their_shard_over_one_shared_volume()
    {
        var job = YamlAsJson.Load(Repository.Full(KubernetesJob))!;
        var spec = job["spec"]!;
        var pod = spec["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        var command = container["command"]!.AsArray().Select(n => n!.ToString()).ToList();
        var completions = spec["completions"]!.ToString();

        Assert.Multiple(() =>
        {
            Assert.That(job["kind"]!.ToString(), Is.EqualTo("Job"));
            Assert.That(spec["completionMode"]!.ToString(), Is.EqualTo("Indexed"));
            Assert.That(spec["parallelism"]!.ToString(), Is.EqualTo(completions));
            Assert.That(command.Take(2), Is.EqualTo(new[] { "recreate", "batch" }));
            Assert.That(After(command, "--shard"), Is.EqualTo("auto"));
            Assert.That(After(command, "--shard-count"), Is.EqualTo(completions), "as many shards as the Job has completions");
            var mount = container["volumeMounts"]![0]!;
            Assert.That(After(command, "--cache"), Does.StartWith(mount["mountPath"]!.ToString() + "/"), "the clip cache is on the shared volume");
            Assert.That(container["workingDir"]!.ToString(), Is.EqualTo(mount["mountPath"]!.ToString()), "the summaries land on it too");
            var volume = pod["volumes"]!.AsArray().Single(v => v!["name"]!.ToString() == mount["name"]!.ToString())!;
            Assert.That(volume["persistentVolumeClaim"], Is.Not.Null);
            Assert.That(container["env"]!.AsArray().Select(e => e!["name"]!.ToString()), Does.Contain("OPENAI_API_KEY"));
        });
    }

    [Test]
    public void The_ci_example_runs_one_shard_per_matrix_entry_and_merges_their_summaries()
    {
        var workflow = YamlAsJson.Load(Repository.Full(CiWorkflow))!;
        var shardJob = workflow["jobs"]!["shard"]!;
        var matrix = shardJob["strategy"]!["matrix"]!["shard"]!.AsArray().Select(n => n!.ToString()).ToList();
        var runs = shardJob["steps"]!.AsArray().Select(s => s!["run"]?.ToString()).OfType<string>().ToList();
        var batch = runs.Single(r => r.Contains(" batch ", StringComparison.Ordinal));
        var report = workflow["jobs"]!["report"]!["steps"]!.AsArray().Select(s => s!["run"]?.ToString()).OfType<string>().Single(r => r.Contains(" batch report ", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(matrix, Is.EqualTo(Enumerable.Range(0, matrix.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))), "indexes 0..N-1");
            Assert.That(batch, Does.Contain($"--shard ${{{{ matrix.shard }}}}/{matrix.Count}"), "N is the matrix's size");
            Assert.That(workflow["jobs"]!["report"]!["needs"]!.ToString(), Is.EqualTo("shard"));
            Assert.That(report, Does.Contain("batch report"));
        });
    }

    private static IEnumerable<string> Keys(JsonObject schema) => schema["properties"]!.AsObject().Select(p => p.Key);

    private static string? After(List<string> command, string option) =>
        command.IndexOf(option) is var i and >= 0 && i + 1 < command.Count ? command[i + 1] : null;
}