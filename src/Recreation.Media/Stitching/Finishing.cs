namespace Recreation.Media.Stitching;

/// <summary>
/// What the final step adds on top of the joined clips (DESIGN §3, <c>output.captions</c>,
/// <c>output.music</c>): a music bed, captions burned into the picture, chapters. Each one that is
/// set costs work the plain join does not: music re-encodes the audio, burned captions the video.
/// </summary>
public sealed record Finishing
{
    public static Finishing None { get; } = new();

    /// <summary>A music bed mixed under the clips' own sound, or null.</summary>
    public MusicBed? Music { get; init; }

    /// <summary>
    /// A subtitle file drawn onto the picture by libass (the whole video is then re-encoded), or null.
    /// Its text is drawn as the file says: an SRT line's <c>&lt;b&gt;</c> or <c>{\an8}</c> is formatting,
    /// so text that must appear as written comes as ASS with its braces and backslashes escaped.
    /// </summary>
    public string? BurnedCaptionsPath { get; init; }

    /// <summary>Chapters written into the MP4 (an empty list writes none).</summary>
    public IReadOnlyList<Chapter> Chapters { get; init; } = [];

    public bool ReencodesVideo => BurnedCaptionsPath is not null;
}

/// <summary>
/// Music under the whole video: looped to its length, scaled by <see cref="Volume"/>, lowered
/// under the clips' own sound when <see cref="Duck"/> (sidechain compression keyed by the clips'
/// audio), and faded in and out with the video's fades.
/// </summary>
public sealed record MusicBed(string Path, double Volume = 0.3, bool Duck = true)
{
    public TimeSpan FadeIn { get; init; }

    public TimeSpan FadeOut { get; init; }
}

/// <summary>A chapter of the finished video, from <see cref="Start"/> to <see cref="End"/>.</summary>
public sealed record Chapter(string Title, TimeSpan Start, TimeSpan End);