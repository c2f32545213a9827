using System.Globalization;

namespace Recreation.Media.Processes;

/// <summary>
/// Reads ffmpeg's <c>-progress pipe:1</c> output: blocks of key=value lines ending in
/// progress=continue|end. Reports out_time / expected, clamped to 0..1 and never going back;
/// 1.0 is left to the runner, which reports it only after progress=end and exit code 0.
/// Also notices a runaway: output far past the expected length, or nearly all frames duplicated.
/// </summary>
internal sealed class ProgressTracker(TimeSpan? expectedDuration, IProgress<double>? progress)
{
    /// <summary>Below this many duplicated frames nothing is a runaway (a short clip may legitimately repeat frames).</summary>
    internal const long RunawayMinimumDuplicates = 1000;

    private const double AlmostDone = 0.999;
    private long _outTimeMicroseconds = -1;
    private long _frames;
    private long _duplicates;
    private double _reported = -1;

    public bool SawEnd { get; private set; }

    public string? RunawayReason { get; private set; }

    public TimeSpan OutTime => TimeSpan.FromTicks(Math.Max(0, _outTimeMicroseconds) * 10);

    /// <summary>Video frames written so far (ffmpeg's frame=, summed over its video outputs); null before the first block.</summary>
    public long? Frames { get; private set; }

    public void OnLine(string line)
    {
        var separator = line.IndexOf('=', StringComparison.Ordinal);
        if (separator <= 0)
        {
            return;
        }

        var key = line.AsSpan(0, separator).Trim();
        var value = line.AsSpan(separator + 1).Trim();
        switch (key)
        {
            case "out_time_us":
            case "out_time_ms": // despite its name, also microseconds
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var micro) && micro >= 0)
                {
                    _outTimeMicroseconds = micro;
                }

                break;
            case "frame":
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _frames))
                {
                    Frames = _frames;
                }

                break;
            case "dup_frames":
                _ = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _duplicates);
                break;
            case "progress":
                EndOfBlock(value.SequenceEqual("end"));
                break;
            default:
                break;
        }
    }

    private void EndOfBlock(bool isEnd)
    {
        SawEnd |= isEnd;
        DetectRunaway();
        if (progress is null || expectedDuration is not { } expected || expected <= TimeSpan.Zero || _outTimeMicroseconds < 0)
        {
            return;
        }

        var fraction = Math.Clamp(OutTime / expected, 0, AlmostDone);
        if (fraction > _reported)
        {
            _reported = fraction;
            progress.Report(fraction);
        }
    }

    private void DetectRunaway()
    {
        if (RunawayReason is not null)
        {
            return;
        }

        if (expectedDuration is { } expected && expected > TimeSpan.Zero && OutTime > (expected * 2) + TimeSpan.FromSeconds(10))
        {
            RunawayReason = string.Create(CultureInfo.InvariantCulture,
                $"ffmpeg kept writing past twice the expected {expected.TotalSeconds:0.###} s (it reached {OutTime.TotalSeconds:0.###} s): the input timestamps are probably broken, e.g. mixed frame rates joined without an fps filter.");
        }
        else if (_duplicates > RunawayMinimumDuplicates && _duplicates > _frames * 0.9)
        {
            RunawayReason = string.Create(CultureInfo.InvariantCulture,
                $"ffmpeg duplicated {_duplicates} of {_frames} frames: the timestamps run away (typically mixed frame rates without an fps filter).");
        }
    }
}