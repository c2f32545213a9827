using System.Globalization;
using System.Text;

using Recreation.Media;
using Recreation.Media.Processes;

namespace Recreation.Testing;

/// <summary>
/// A reference video with a known ground truth, generated for the shot-detection tests: real clips
/// from <c>../shared/media</c> and lavfi sources (moving, panning, tilting, rotating, flashing,
/// zooming) cut, dissolved and faded through black together at 160x90, with every boundary's
/// frames known. Transitions are built as the stitcher builds them (xfade's linear fade; a fade
/// through black fades each side first), so a gradual transition of t frames at output frame o
/// mixes frames o+1 to o+t−1: that is its truth.
/// </summary>
public static class ShotTestSet
{
    public const int Width = 160, Height = 90;

    /// <summary>One shot: its source (an ffmpeg input and the filters that make it), its length and how it begins.</summary>
    public sealed record Piece(string Name, double Seconds, TransitionSpec Into, IReadOnlyList<string> Input, string Filter);

    /// <summary>How a piece begins: kind "cut", "dissolve" or "fade-black", with a length in seconds for the last two.</summary>
    public sealed record TransitionSpec(string Kind, double Seconds = 0)
    {
        public static TransitionSpec Cut { get; } = new("cut");

        public static TransitionSpec Dissolve(double seconds) => new("dissolve", seconds);

        public static TransitionSpec FadeBlack(double seconds) => new("fade-black", seconds);
    }

    /// <summary>A boundary of the truth: the new shot's kind and its first and last changed frame (equal for a cut).</summary>
    public sealed record TrueBoundary(string Kind, int FirstFrame, int LastFrame, string Shot);

    /// <summary>Frames inside a pan, tilt, flash or fast motion, where no cut may be reported.</summary>
    public sealed record QuietSpan(string What, int FirstFrame, int LastFrame);

    public sealed record Truth(string Path, int Fps, int FrameCount, IReadOnlyList<TrueBoundary> Boundaries, IReadOnlyList<QuietSpan> NoCuts);

    /// <summary>The standard set: 14 shots, 8 cuts (two into half-second shots), 3 dissolves and 2 fades through black; pans, a tilt, flashes, rotation, a zoom.</summary>
    public static IReadOnlyList<Piece> Standard(string media)
    {
        string Real(string file) => Path.Combine(media, file);
        var mp4 = Real("input_3sec.mp4");
        var webm = Real("input_3sec.webm");
        var mkv = Real("sampleMKV.mkv");
        var cover = $"scale={Width}:{Height}:force_original_aspect_ratio=increase,crop={Width}:{Height}";
        return
        [
            new("real-mp4", 1.6, TransitionSpec.Cut, ["-i", mp4], cover),
            new("testsrc2", 1.0, TransitionSpec.Cut, ["-f", "lavfi", "-i", "testsrc2=s=320x180:r=60:d=10"], cover),
            new("real-webm", 2.0, TransitionSpec.Cut, ["-i", webm], cover),
            new("pan", 2.0, TransitionSpec.Dissolve(0.6), ["-i", mp4], $"scale=480:270,crop={Width}:{Height}:x='min(320,t*60)':y=90"),
            new("real-mkv", 1.5, TransitionSpec.FadeBlack(0.8), ["-i", mkv], cover),
            new("short-bars", 0.5, TransitionSpec.Cut, ["-f", "lavfi", "-i", "smptehdbars=s=320x180:d=10"], cover),
            new("white-flash", 2.0, TransitionSpec.Cut, ["-f", "lavfi", "-i", "testsrc=s=320x180:r=60:d=10"], cover + ",drawbox=c=white:t=fill:enable='between(t,0.6,0.7)'"),
            new("rotating", 1.6, TransitionSpec.Dissolve(1.0), ["-i", webm], "scale=320:180,rotate=a='t*2.5',crop=200:112,scale=160:90"),
            new("short-colour", 0.5, TransitionSpec.Cut, ["-f", "lavfi", "-i", "color=c=0xE07020:s=320x180:d=10"], cover + ",drawbox=x='20+t*200':y=20:w=40:h=40:c=navy:t=fill"),
            new("life", 1.5, TransitionSpec.Cut, ["-f", "lavfi", "-i", "life=s=160x90:mold=10:r=60:ratio=0.1:death_color=#C83232:life_color=#00ff00"], cover),
            new("mkv-bright-flash", 2.6, TransitionSpec.FadeBlack(1.0), ["-ss", "2.5", "-i", mkv], cover + ",eq=brightness=0.6:enable='between(t,1.5,1.6)'"),
            new("zoom", 1.5, TransitionSpec.Dissolve(0.4), ["-ss", "0.5", "-i", webm], "scale=160:90,zoompan=z='1+0.012*in':x='iw/2-(iw/zoom/2)':y='ih/2-(ih/zoom/2)':d=1:s=160x90"),
            new("tilt", 1.6, TransitionSpec.Cut, ["-i", mkv], $"scale=160:270,crop={Width}:{Height}:x=0:y='min(180,t*110)'"),
            new("real-mp4-end", 1.3, TransitionSpec.Cut, ["-ss", "1.6", "-i", mp4], cover),
        ];
    }

    /// <summary>Renders <paramref name="pieces"/> at <paramref name="fps"/> into <paramref name="path"/> (H.264, no sound) and returns the truth.</summary>
    public static Task<Truth> GenerateAsync(string path, int fps, IReadOnlyList<Piece> pieces, CancellationToken cancellationToken = default) =>
        GenerateAsync(path, fps, pieces, finish: null, cancellationToken);

    /// <summary>
    /// As <see cref="GenerateAsync(string, int, IReadOnlyList{Piece}, CancellationToken)"/>, with
    /// <paramref name="finish"/> (an ffmpeg filter chain, e.g. an upscale and film grain for the
    /// benchmark's 720p/1080p set) applied to the joined video; it must keep every frame.
    /// </summary>
    public static async Task<Truth> GenerateAsync(string path, int fps, IReadOnlyList<Piece> pieces, string? finish, CancellationToken cancellationToken = default)
    {
        var arguments = new ArgumentsBuilder();
        foreach (var piece in pieces)
        {
            arguments.AddRange(piece.Input);
        }

        var graph = new StringBuilder();
        var frames = pieces.Select(p => (int)Math.Round(p.Seconds * fps)).ToList();
        for (var i = 0; i < pieces.Count; i++)
        {
            graph.Append(Invariant($"[{i}:v]{pieces[i].Filter},setsar=1,fps={fps},trim=end_frame={frames[i]},setpts=PTS-STARTPTS,settb=1/{fps},format=yuv420p[v{i}];"));
        }

        var boundaries = new List<TrueBoundary>();
        var quiet = new List<QuietSpan>();
        var video = "[v0]";
        var joined = frames[0];
        var starts = new List<int> { 0 };
        for (var i = 1; i < pieces.Count; i++)
        {
            var next = Invariant($"[j{i}]");
            var into = pieces[i].Into;
            int start;
            if (into.Kind == "cut")
            {
                graph.Append(Invariant($"{video}[v{i}]concat=n=2:v=1:a=0,settb=1/{fps}{next};"));
                start = joined;
                boundaries.Add(new TrueBoundary("cut", start, start, pieces[i].Name));
                joined += frames[i];
            }
            else
            {
                var t = (int)Math.Round(into.Seconds * fps);
                var (before, after) = (video, Invariant($"[v{i}]"));
                if (into.Kind == "fade-black")
                {
                    var half = t / 2;
                    graph.Append(Invariant($"{before}fade=t=out:s={joined - t}:n={half}[fo{i}];{after}fade=t=in:s={half}:n={t - half}[fi{i}];"));
                    (before, after) = (Invariant($"[fo{i}]"), Invariant($"[fi{i}]"));
                }

                graph.Append(Invariant($"{before}{after}xfade=transition=fade:duration={Seconds(t, fps)}:offset={Seconds(joined - t, fps)}{next};"));
                start = joined - t;
                boundaries.Add(new TrueBoundary(into.Kind, start + 1, start + t - 1, pieces[i].Name));
                joined += frames[i] - t;
            }

            starts.Add(start);
            video = next;
        }

        for (var i = 0; i < pieces.Count; i++)
        {
            // A piece is alone on screen from the end of the transition into it to the start of the one out of it.
            var alone = i == 0 ? 0 : boundaries[i - 1].LastFrame + 1;
            var until = i + 1 < pieces.Count ? starts[i + 1] - 1 : joined - 1;
            AddQuiet(pieces[i], alone, until, fps, quiet);
        }

        if (finish is not null)
        {
            graph.Append(Invariant($"{video}{finish}[finished];"));
            video = "[finished]";
        }

        graph.Length--; // the last ';'
        arguments
            .Add("-filter_complex", graph.ToString())
            .Add("-map", video)
            .Add("-c:v", "libx264").Add("-preset", "veryfast").Add("-crf", "20").Add("-g", "48")
            .Output(path);
        await new FFmpegRunner().RunAsync(MediaCommand.FFmpeg(arguments.Build(), "making the shot test set"), cancellationToken).ConfigureAwait(false);
        return new Truth(Path.GetFullPath(path), fps, joined, boundaries, quiet);
    }

    private static void AddQuiet(Piece piece, int alone, int until, int fps, List<QuietSpan> quiet)
    {
        // A detector may place a boundary a frame or two off: keep two frames clear of each end.
        const int margin = 2;
        if (piece.Name is "pan" or "tilt" or "white-flash" or "mkv-bright-flash" or "rotating" or "life" or "zoom")
        {
            quiet.Add(new QuietSpan(piece.Name, alone + margin, until - margin));
        }
    }

    private static string Seconds(int frames, int fps) => ArgumentsBuilder.Number(frames / (double)fps);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}