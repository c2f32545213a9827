using System.Text.Json;

using Recreation.Testing;

namespace Recreation.Cli.Tests;

/// <summary><c>--events FILE|-</c> on <c>run</c>: JSON lines of a run's states, progress and end.</summary>
[CancelAfter(180_000)]
public class EventsSpecs
{
    private const string Scene = """
        version: 1
        title: Events
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0.1 }] }]
        target: { model: tiny }
        output: { path: out/film.mp4, fps: 24, loudness: null }
        scenes:
          - { id: a, duration: 1, description: First. }
          - { id: b, duration: 1, description: Second. }
        """;

    [Test]
    public async Task A_run_with_events_writes_a_json_line_for_its_start_each_clip_state_and_its_end(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene, cancellationToken);

        var (code, output, error) = await CliRun.RunAsync("run", file, "--events", temp.File("logs/events.jsonl"));

        Assert.That(code, Is.EqualTo(0), error + output);
        var events = await ReadAsync(temp.File("logs/events.jsonl"), cancellationToken);
        Assert.That(events.First().GetProperty("event").GetString(), Is.EqualTo("run.started"));
        Assert.That(events.First().GetProperty("clips").GetInt32(), Is.EqualTo(2));
        Assert.That(events.Last().GetProperty("event").GetString(), Is.EqualTo("run.finished"));
        Assert.That(events.Last().GetProperty("state").GetString(), Is.EqualTo("succeeded"));
        Assert.That(events.Last().GetProperty("output").GetString(), Is.EqualTo(temp.File("out/film.mp4")));
        var states = events.Where(e => e.GetProperty("event").GetString() == "clip")
            .Select(e => $"{e.GetProperty("clip").GetString()} {e.GetProperty("phase").GetString()} {e.GetProperty("status").GetString()}").ToList();
        Assert.That(states, Is.SupersetOf(new[] { "a-1 generate generated", "b-1 generate generated", "a-1 conform conformed", "b-1 conform conformed", "output stitch done" }));
        Assert.That(events, Has.All.Matches<JsonElement>(e => DateTimeOffset.TryParse(e.GetProperty("time").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _)));
        Assert.That(events.Count(e => e.GetProperty("event").GetString() == "progress"), Is.LessThanOrEqualTo(3 * 11), "progress at most every 10 % per clip and phase");
    }

    [Test]
    public async Task Events_on_standard_output_leave_it_to_the_json_lines_and_the_human_output_goes_to_standard_error(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene, cancellationToken);

        var (code, output, error) = await CliRun.RunAsync("run", file, "--events", "-");

        Assert.That(code, Is.EqualTo(0), error + output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.Not.Empty);
        foreach (var line in lines)
        {
            Assert.DoesNotThrow(() => JsonDocument.Parse(line).Dispose(), line);
        }

        Assert.That(error, Does.Contain("Done:"));
    }

    [Test]
    public async Task Invalid_input_writes_no_events_file(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene.Replace("duration: 1, description: First.", "duration: -1, description: First.", StringComparison.Ordinal), cancellationToken);

        var (code, _, _) = await CliRun.RunAsync("run", file, "--events", temp.File("events.jsonl"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(File.Exists(temp.File("events.jsonl")), Is.False);
    }

    [Test]
    public async Task An_events_file_that_is_an_input_is_refused_and_the_input_is_kept(CancellationToken cancellationToken)
    {
        using var temp = new TempDirectory();
        var file = temp.File("scene.yaml");
        await File.WriteAllTextAsync(file, Scene, cancellationToken);
        await File.WriteAllTextAsync(temp.File("batch.yaml"), "version: 1\nitems: [scene.yaml]\n", cancellationToken);

        var run = await CliRun.RunAsync("run", file, "--events", file);
        var batch = await CliRun.RunAsync("batch", temp.File("batch.yaml"), "--events", temp.File("batch.yaml"), "--summary", temp.File("summary"));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Error + run.Out);
        Assert.That(run.Error, Does.Contain("events file").And.Contain("scene file"));
        Assert.That(await File.ReadAllTextAsync(file, cancellationToken), Is.EqualTo(Scene), "the scene file is untouched");
        Assert.That(batch.ExitCode, Is.EqualTo(2), batch.Error + batch.Out);
        Assert.That(batch.Error, Does.Contain("events file"));
        Assert.That(await File.ReadAllTextAsync(temp.File("batch.yaml"), cancellationToken), Is.EqualTo("version: 1\nitems: [scene.yaml]\n"), "the batch file is untouched");
        Assert.That(File.Exists(temp.File("out/film.mp4")), Is.False, "nothing was run");
    }

    private static async Task<List<JsonElement>> ReadAsync(string path, CancellationToken cancellationToken) =>
        (await File.ReadAllLinesAsync(path, cancellationToken)).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}