using System.Text;

using Recreation.Media.Files;
using Recreation.Media.Processes;
using Recreation.Media.Validation;

namespace Recreation.Media.Stitching;

/// <summary>
/// The concat demuxer's list file (<c>-f concat -safe 0 -i list.txt</c>): one <c>file '…'</c>
/// line per clip with <c>'</c> escaped as <c>'\''</c>; its <c>duration</c> (the video's, so the
/// next clip starts exactly after the last frame: a container duration rounded up to the next
/// millisecond, as the MOV muxer writes, otherwise drifts the timing by 1 ms per join); and an
/// <c>outpoint</c> where a clip's audio runs past its video (else its audio overlaps the next clip's).
/// </summary>
internal static class ConcatList
{
    public sealed record Entry(string Path, TimeSpan Duration, TimeSpan? OutPoint = null, TimeSpan? InPoint = null);

    public static string Format(IEnumerable<Entry> entries)
    {
        var text = new StringBuilder("ffconcat version 1.0\n");
        foreach (var entry in entries)
        {
            var path = System.IO.Path.GetFullPath(entry.Path);
            if (path.Contains('\n', StringComparison.Ordinal) || path.Contains('\r', StringComparison.Ordinal))
            {
                // Bad input, not a failed run: reported like a clip that fails validation (exit 2).
                const string Problem = "has a line break in its name, which ffmpeg's concat list cannot hold; rename the file";
                throw new InvalidMediaException(
                    $"'{path}' {Problem}.",
                    new MediaValidationReport([new MediaValidationResult(path, null, null, [new MediaProblem(MediaProblemKind.UnusableName, Problem)])]))
                { FilePath = path };
            }

            text.Append("file ").Append(Quote(path)).Append('\n');
            if (entry.InPoint is { } inPoint)
            {
                text.Append("inpoint ").Append(ArgumentsBuilder.Seconds(inPoint)).Append('\n');
            }

            text.Append("duration ").Append(ArgumentsBuilder.Seconds(entry.Duration)).Append('\n');
            if (entry.OutPoint is { } outPoint)
            {
                text.Append("outpoint ").Append(ArgumentsBuilder.Seconds(outPoint)).Append('\n');
            }
        }

        return text.ToString();
    }

    public static string Quote(string path) => "'" + path.Replace("'", @"'\''", StringComparison.Ordinal) + "'";

    /// <summary>Writes the list and returns the input arguments that read it.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(string listPath, IEnumerable<Entry> entries, CancellationToken cancellationToken)
    {
        await AtomicFile.WriteAllTextAsync(listPath, Format(entries), cancellationToken).ConfigureAwait(false);
        return new ArgumentsBuilder().Add("-f", "concat").Add("-safe", "0").Input(listPath).Build();
    }
}