using System.Diagnostics;
using System.Globalization;

using Recreation.Testing;

namespace Recreation.Benchmarks;

/// <summary>
/// One generated input: testsrc2 at a size and rate, and a sine (or no audio). Every clip goes
/// through the same command (SyntheticMedia: x264 veryfast, High, yuv420p; AAC 48 kHz stereo;
/// +faststart), so clips of one size and rate share their codec parameters (SPS/PPS).
/// </summary>
internal sealed record ClipSpec(int Width, int Height, int Fps, double Seconds, double? Frequency, double VolumeDb = 0)
{
    /// <summary>Every parameter is in the name, so a cached file is exactly this clip.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture,
        $"{Width}x{Height}-{Fps}fps-{Seconds:0.###}s-{(Frequency is { } f ? $"{f:0}hz{VolumeDb:+0;-0;0}db" : "silent")}.mp4");

    public int Frames => (int)Math.Round(Seconds * Fps);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Width}x{Height} {Fps} fps {Seconds:0.###} s {(Frequency is null ? "no audio" : "with audio")}");
}

/// <summary>
/// Generated clips kept in <c>WORK/clips</c>: made once (to a temporary name, renamed when
/// complete, so an interrupted run leaves nothing half-written), reused by later runs.
/// </summary>
internal sealed class ClipCache(string workDirectory)
{
    private readonly string _folder = Path.Combine(workDirectory, "clips");

    public async Task<IReadOnlyList<string>> EnsureAsync(string what, IReadOnlyList<ClipSpec> specs)
    {
        Directory.CreateDirectory(_folder);
        var missing = specs.Distinct().Where(s => !File.Exists(PathOf(s))).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"  generating {missing.Count} {what} clip(s) in {_folder} (cached for later runs)…");
            var stopwatch = Stopwatch.StartNew();
            foreach (var spec in missing)
            {
                var target = PathOf(spec);
                var partial = Path.Combine(_folder, "partial-" + Guid.NewGuid().ToString("N")[..8] + ".mp4");
                try
                {
                    await SyntheticMedia.CreateAsync(partial, Options(spec)).ConfigureAwait(false);
                    File.Move(partial, target, overwrite: true);
                }
                finally
                {
                    File.Delete(partial);
                }
            }

            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  generated in {stopwatch.Elapsed.TotalSeconds:0.0} s"));
        }

        return specs.Select(PathOf).ToList();
    }

    private string PathOf(ClipSpec spec) => Path.Combine(_folder, spec.FileName);

    private static SyntheticMediaOptions Options(ClipSpec spec)
    {
        return new SyntheticMediaOptions
        {
            Width = spec.Width,
            Height = spec.Height,
            FrameRate = spec.Fps,
            Duration = TimeSpan.FromSeconds(spec.Seconds),
            Audio = spec.Frequency is null ? SyntheticAudio.None : SyntheticAudio.Stereo,
            AudioFrequency = spec.Frequency ?? 440,
            AudioVolumeDb = spec.VolumeDb,
            AudioSampleRate = 48000,
        };
    }
}