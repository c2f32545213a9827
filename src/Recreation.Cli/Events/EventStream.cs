using System.Globalization;
using System.Text;
using System.Text.Json;

using Recreation.Media.Files;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Running;

namespace Recreation.Cli.Events;

/// <summary>
/// <c>--events FILE|-</c>: one JSON object per line for CI logs and other tools (README "Machine-readable
/// progress" lists every event and its fields). Every line has <c>time</c> (UTC, ISO 8601) and
/// <c>event</c>; lines of a batch also have <c>item</c>. Each line is flushed as it is written.
/// Progress is written at most every 10 % per clip and phase, so a long job does not flood the stream.
/// </summary>
internal sealed class EventStream : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly TimeProvider _time;
    private readonly Dictionary<(string?, RunPhase, string), int> _lastStep = [];
    private readonly Dictionary<string, decimal> _spent = new(StringComparer.Ordinal);

    private EventStream(TextWriter writer, bool ownsWriter, TimeProvider time)
    {
        _writer = writer;
        _ownsWriter = ownsWriter;
        _time = time;
    }

    /// <summary>Opens the stream: <c>-</c> is standard output (the caller then sends its human output to stderr), anything else a file, created or replaced.</summary>
    public static EventStream Open(string target, TextWriter standardOutput, TimeProvider? time = null)
    {
        if (target == "-")
        {
            return new EventStream(standardOutput, ownsWriter: false, time ?? TimeProvider.System);
        }

        var full = Path.GetFullPath(target);
        AtomicFile.CreateFolder(Path.GetDirectoryName(full)!);
        var stream = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read);
        return new EventStream(new StreamWriter(stream, new UTF8Encoding(false)), ownsWriter: true, time ?? TimeProvider.System);
    }

    public void RunStarted(string? item, string scene, string title, string workspace, int clips, string backend, CostEstimate cost) =>
        Write("run.started", item, w =>
        {
            w.WriteString("scene", scene);
            w.WriteString("title", title);
            w.WriteString("workspace", workspace);
            w.WriteNumber("clips", clips);
            w.WriteString("backend", backend);
            w.WriteNumber("estimated_usd", cost.PlanUsd);
            w.WriteNumber("to_submit_usd", cost.ToSpendUsd);
            w.WriteNumber("committed_usd", cost.CommittedUsd);
            Money(w, "max_cost_usd", cost.MaxUsd);
        });

    /// <summary>A step of a run: a state change (<c>clip</c>), progress (<c>progress</c>) and, when a paid job completed, <c>spend</c>.</summary>
    public void Run(string? item, RunEvent e)
    {
        var phase = e.Phase.ToString().ToLowerInvariant();
        if (e.Status is not null)
        {
            Write("clip", item, w =>
            {
                w.WriteString("clip", e.Item);
                w.WriteString("phase", phase);
                w.WriteString("status", e.Status);
            });
            if (e.SpentUsd > 0)
            {
                decimal total;
                lock (_gate)
                {
                    total = _spent[item ?? ""] = _spent.GetValueOrDefault(item ?? "") + e.SpentUsd;
                }

                Write("spend", item, w =>
                {
                    w.WriteString("clip", e.Item);
                    w.WriteNumber("usd", e.SpentUsd);
                    w.WriteNumber("run_total_usd", total);
                });
            }

            return;
        }

        var step = (int)Math.Floor(Math.Clamp(e.Fraction, 0, 1) * 10);
        lock (_gate)
        {
            var key = (item, e.Phase, e.Item);
            if (_lastStep.TryGetValue(key, out var last) && last >= step)
            {
                return;
            }

            _lastStep[key] = step;
        }

        Write("progress", item, w =>
        {
            w.WriteString("clip", e.Item);
            w.WriteString("phase", phase);
            w.WriteNumber("fraction", Math.Round(Math.Clamp(e.Fraction, 0, 1), 2));
        });
    }

    public void RunFinished(string? item, string state, int exitCode, string? output, decimal estimatedUsd, decimal spentUsd, double elapsedSeconds, string? error) =>
        Write("run.finished", item, w =>
        {
            w.WriteString("state", state);
            w.WriteNumber("exit_code", exitCode);
            Text(w, "output", output);
            w.WriteNumber("estimated_usd", estimatedUsd);
            w.WriteNumber("spent_usd", spentUsd);
            w.WriteNumber("elapsed_seconds", Math.Round(elapsedSeconds, 3));
            Text(w, "error", error);
        });

    public void Warning(string? item, string message) =>
        Write("warning", item, w => w.WriteString("message", message));

    public void BatchStarted(int items, int itemsInBatch, string shard, decimal? maxCostUsd, decimal toSubmitUsd) =>
        Write("batch.started", null, w =>
        {
            w.WriteNumber("items", items);
            w.WriteNumber("items_in_batch", itemsInBatch);
            w.WriteString("shard", shard);
            Money(w, "max_cost_usd", maxCostUsd);
            w.WriteNumber("to_submit_usd", toSubmitUsd);
        });

    /// <summary>An item of a batch: its run's events, and its end as <c>run.finished</c>.</summary>
    public void Batch(BatchEvent e)
    {
        if (e.Run is { } run)
        {
            Run(e.Item, run);
        }
        else if (e.Result is { } result)
        {
            RunFinished(e.Item, StateName(result.State), result.ExitCode, result.Output, result.EstimatedUsd, result.SpentUsd, result.ElapsedSeconds, result.Error);
        }
        else
        {
            Write("item.started", e.Item, _ => { });
        }
    }

    public void BatchFinished(BatchSummary summary, string path) =>
        Write("batch.finished", null, w =>
        {
            w.WriteNumber("exit_code", summary.ExitCode);
            w.WriteNumber("items", summary.Items.Count);
            w.WriteNumber("succeeded", summary.Items.Count(i => i.State == BatchItemState.Succeeded));
            w.WriteNumber("estimated_usd", summary.EstimatedUsd);
            w.WriteNumber("spent_usd", summary.SpentUsd);
            w.WriteNumber("elapsed_seconds", Math.Round(summary.ElapsedSeconds, 3));
            w.WriteString("summary", path);
        });

    public static string StateName(BatchItemState state) => JsonNamingPolicy.KebabCaseLower.ConvertName(state.ToString());

    public void Dispose()
    {
        lock (_gate)
        {
            _writer.Flush();
            if (_ownsWriter)
            {
                _writer.Dispose();
            }
        }
    }

    private void Write(string name, string? item, Action<Utf8JsonWriter> fields)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("time", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("event", name);
            if (item is not null)
            {
                w.WriteString("item", item);
            }

            fields(w);
            w.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.ToArray());
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    private static void Money(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Text(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}