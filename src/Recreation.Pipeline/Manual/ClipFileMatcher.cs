using System.Globalization;

namespace Recreation.Pipeline.Manual;

/// <summary>
/// Ties files to clips, in this order: the clip id in the file name; a manifest CSV; with
/// <c>--in-order</c>, the remaining files sorted by name or time fill the remaining missing clips
/// in plan order; otherwise a file goes to the missing clip whose generated length is nearest its
/// duration, but only when that clip is the single nearest one and no other file is nearest to it
/// too. Anything else is reported with its reason; the matcher never guesses. Pure: no disk access.
/// </summary>
public static partial class ClipFileMatcher
{
    private const string Advice = "name the file after its clip id, list it in a manifest CSV (clip_id,file), or use --in-order";

    public static MatchResult Match(IReadOnlyList<ClipSlot> clips, IReadOnlyList<CandidateFile> files, IReadOnlyList<ManifestEntry> manifest, bool inOrder = false, FileOrder order = FileOrder.Name)
    {
        var matches = new List<ClipMatch>();
        var unmatched = new Dictionary<CandidateFile, string>();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var placed = new HashSet<CandidateFile>();

        // 1. The clip id in the name. Several files naming one clip are not guessed between
        //    (a manifest may still say which one).
        var byName = files
            .Select(f => (File: f, Ids: ClipIdsInName(f.Name, clips)))
            .ToList();
        foreach (var (file, ids) in byName.Where(x => x.Ids.Count > 1))
        {
            unmatched[file] = $"its name fits several clips ({string.Join(", ", ids)}); {Advice}";
        }

        foreach (var group in byName.Where(x => x.Ids.Count == 1).GroupBy(x => x.Ids[0]))
        {
            if (group.Count() == 1)
            {
                matches.Add(new ClipMatch(group.Key, group.First().File, MatchRule.FileName));
                taken.Add(group.Key);
                placed.Add(group.First().File);
                continue;
            }

            var names = string.Join(", ", group.Select(g => g.File.Name));
            foreach (var (file, _) in group)
            {
                unmatched[file] = $"several files name clip {group.Key} ({names}); keep one, or say which in a manifest CSV (clip_id,file)";
            }
        }

        // 2. The manifest.
        foreach (var entry in manifest)
        {
            var file = files.FirstOrDefault(f => SamePath(f.Path, entry.File));
            if (file is null)
            {
                continue; // the importer adds manifest files to the candidates; nothing to do here
            }

            if (placed.Contains(file))
            {
                var current = matches.First(m => m.File == file);
                if (current.ClipId != entry.ClipId)
                {
                    unmatched.TryAdd(file, $"{entry.Manifest}:{entry.Line} names it for {entry.ClipId}, but it is already matched to {current.ClipId}");
                }

                continue;
            }

            if (taken.Contains(entry.ClipId))
            {
                unmatched[file] = $"{entry.Manifest}:{entry.Line} names it for {entry.ClipId}, but {matches.First(m => m.ClipId == entry.ClipId).File.Name} is already matched to that clip";
                continue;
            }

            matches.Add(new ClipMatch(entry.ClipId, file, MatchRule.Manifest));
            taken.Add(entry.ClipId);
            placed.Add(file);
            unmatched.Remove(file);
        }

        // Files that named a clip (or conflict) stay out of the positional rules.
        var rest = files.Where(f => !placed.Contains(f) && !unmatched.ContainsKey(f)).ToList();
        var open = clips.Where(c => !c.Present && !taken.Contains(c.ClipId)).ToList();

        if (inOrder)
        {
            // 3. In order.
            var sorted = order == FileOrder.Time
                ? rest.OrderBy(f => f.Modified).ThenBy(f => f.Name, NaturalComparer.Instance).ToList()
                : rest.OrderBy(f => f.Name, NaturalComparer.Instance).ToList();
            for (var i = 0; i < sorted.Count; i++)
            {
                if (i < open.Count)
                {
                    matches.Add(new ClipMatch(open[i].ClipId, sorted[i], MatchRule.InOrder));
                }
                else
                {
                    unmatched[sorted[i]] = $"more files than missing clips: with --in-order the {open.Count} missing clip(s) took the first {open.Count} file(s)";
                }
            }
        }
        else
        {
            // 4. Nearest generated length, only where it is unambiguous.
            NearestLength(rest, open, matches, unmatched);
        }

        var ordered = matches.OrderBy(m => IndexOf(clips, m.ClipId)).ToList();
        var left = files.Where(unmatched.ContainsKey).Select(f => new UnmatchedFile(f, unmatched[f])).ToList();
        return new MatchResult(ordered, left);
    }

    private static void NearestLength(List<CandidateFile> rest, List<ClipSlot> open, List<ClipMatch> matches, Dictionary<CandidateFile, string> unmatched)
    {
        var c = CultureInfo.InvariantCulture;
        var nearest = new Dictionary<CandidateFile, List<ClipSlot>>();
        foreach (var file in rest)
        {
            if (file.Duration is not { } duration)
            {
                unmatched[file] = "it could not be read as a video, so its length is unknown";
                continue;
            }

            if (open.Count == 0)
            {
                unmatched[file] = "no clip is left for it: every clip has a file";
                continue;
            }

            var best = open.Min(s => Math.Abs(s.Seconds - duration.TotalSeconds));
            nearest[file] = open.Where(s => Math.Abs(Math.Abs(s.Seconds - duration.TotalSeconds) - best) < 1e-9).ToList();
        }

        foreach (var (file, slots) in nearest)
        {
            var length = file.Duration!.Value.TotalSeconds.ToString("0.##", c);
            if (slots.Count > 1)
            {
                unmatched[file] = $"it is {length} s long and could be any of {string.Join(", ", slots.Select(s => s.ClipId))} ({Lengths(slots)}); {Advice}";
                continue;
            }

            var rivals = nearest.Where(n => n.Key != file && n.Value.Contains(slots[0])).Select(n => n.Key.Name).ToList();
            if (rivals.Count > 0)
            {
                unmatched[file] = $"it is {length} s long; it and {string.Join(", ", rivals)} are both nearest to {slots[0].ClipId} ({slots[0].Seconds} s); {Advice}";
                continue;
            }

            matches.Add(new ClipMatch(slots[0].ClipId, file, MatchRule.NearestLength));
        }
    }

    private static string Lengths(List<ClipSlot> slots) =>
        slots.Select(s => s.Seconds).Distinct().Count() == 1 ? $"{slots[0].Seconds} s each" : string.Join(", ", slots.Select(s => $"{s.Seconds} s"));

    private static int IndexOf(IReadOnlyList<ClipSlot> clips, string id)
    {
        for (var i = 0; i < clips.Count; i++)
        {
            if (clips[i].ClipId == id)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static bool SamePath(string a, string b) => string.Equals(System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b), StringComparison.Ordinal);
}