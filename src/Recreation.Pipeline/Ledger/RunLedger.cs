using System.Text.Json;
using System.Text.Json.Serialization;

using Recreation.Media.Files;

namespace Recreation.Pipeline.Ledger;

/// <summary>
/// The run's memory of every clip, saved atomically (temp file, flush to disk, rename) at every
/// state change, so a crash or Ctrl+C leaves either the old or the new ledger, never half of one.
/// Thread-safe: clips progress in parallel.
/// </summary>
public sealed class RunLedger
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ClipRecord> _clips;

    private RunLedger(string path, TimeProvider time, Dictionary<string, ClipRecord> clips)
    {
        _path = path;
        _time = time;
        _clips = clips;
    }

    public string Path => _path;

    /// <summary>Opens the ledger at <paramref name="path"/>, or starts an empty one.</summary>
    public static RunLedger Open(string path, TimeProvider? time = null)
    {
        var clips = new Dictionary<string, ClipRecord>(StringComparer.Ordinal);
        if (System.IO.File.Exists(path))
        {
            try
            {
                var document = JsonSerializer.Deserialize<LedgerDocument>(System.IO.File.ReadAllText(path), Json);
                foreach (var clip in document?.Clips ?? [])
                {
                    clips[clip.Id] = clip;
                }
            }
            catch (JsonException e)
            {
                throw new Core.RecreationException(
                    $"The run ledger {path} is damaged ({e.Message}). Move it aside to start the run afresh; cached clips in the workspace are reused.",
                    Core.ExitCodes.RunFailed, isFatal: true, e);
            }
        }

        return new RunLedger(path, time ?? TimeProvider.System, clips);
    }

    public ClipRecord? Find(string clipId)
    {
        lock (_gate)
        {
            return _clips.GetValueOrDefault(clipId);
        }
    }

    public IReadOnlyList<ClipRecord> All
    {
        get
        {
            lock (_gate)
            {
                return _clips.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>Records a clip's new state and saves the ledger before returning.</summary>
    public ClipRecord Save(ClipRecord record)
    {
        lock (_gate)
        {
            var stamped = record with { UpdatedAt = _time.GetUtcNow() };
            _clips[record.Id] = stamped;
            Write();
            return stamped;
        }
    }

    /// <summary>Applies a change to the clip's current record and saves it.</summary>
    public ClipRecord Update(string clipId, Func<ClipRecord, ClipRecord> change)
    {
        lock (_gate)
        {
            var current = _clips.GetValueOrDefault(clipId) ?? throw new InvalidOperationException($"Clip {clipId} is not in the ledger.");
            return Save(change(current));
        }
    }

    private void Write()
    {
        var document = new LedgerDocument(1, _clips.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList());
        AtomicFile.Write(_path, stream => JsonSerializer.Serialize(stream, document, Json));
    }

    private sealed record LedgerDocument(int Version, List<ClipRecord> Clips);
}