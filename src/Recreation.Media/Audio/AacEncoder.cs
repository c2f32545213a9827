namespace Recreation.Media.Audio;

/// <summary>
/// The one AAC setting for every final soundtrack: ffmpeg's native encoder at 192 kb/s, 48 kHz
/// stereo, without its mid/side stereo search (<c>-aac_ms 0</c>). That search was 37 % of the
/// encoder's time (90 s of stereo: 2.3 s with it, 1.46 s without, on this machine), and the
/// encode is the last thing running on the windowed path. What it costs: on strongly correlated
/// stereo (pink noise shared by both channels plus a tone) the coding error rose from −41.2 to
/// −39.8 dB against the source, at a rate where AAC-LC coding each channel on its own is already
/// near transparent.
/// </summary>
internal static class AacEncoder
{
    public static IReadOnlyList<string> Arguments { get; } = ["-c:a", "aac", "-aac_ms", "0", "-b:a", "192k", "-ar", "48000", "-ac", "2"];
}