namespace Recreation.Media;

/// <summary>
/// Where ffmpeg and ffprobe live and how runs are stopped. Bind it from configuration and call
/// <see cref="Validate"/> at start-up; <see cref="MediaToolPaths.Locate(MediaToolsOptions)"/> then finds the tools.
/// </summary>
public sealed record MediaToolsOptions
{
    /// <summary>Full path of ffmpeg; null looks it up on PATH.</summary>
    public string? FfmpegPath { get; init; }

    /// <summary>Full path of ffprobe; null looks it up on PATH (beside ffmpeg first when FfmpegPath is set).</summary>
    public string? FfprobePath { get; init; }

    /// <summary>How long a cancelled ffmpeg gets after `q` on stdin before it is killed.</summary>
    public TimeSpan CancelGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many trailing stderr lines a run keeps (for error messages and loudnorm's JSON).</summary>
    public int StandardErrorTailLines { get; init; } = 200;

    /// <summary>Throws <see cref="MediaException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (FfmpegPath?.Trim().Length == 0)
        {
            problems.Add("FfmpegPath is blank: leave it unset to use PATH, or give the full path of ffmpeg.");
        }

        if (FfprobePath?.Trim().Length == 0)
        {
            problems.Add("FfprobePath is blank: leave it unset to use PATH, or give the full path of ffprobe.");
        }

        if (CancelGracePeriod < TimeSpan.Zero || CancelGracePeriod > TimeSpan.FromMinutes(5))
        {
            problems.Add($"CancelGracePeriod must be between 0 and 5 minutes (it is {CancelGracePeriod}).");
        }

        if (StandardErrorTailLines is < 10 or > 100_000)
        {
            problems.Add($"StandardErrorTailLines must be between 10 and 100000 (it is {StandardErrorTailLines}).");
        }

        if (problems.Count > 0)
        {
            throw new MediaException("Invalid media tool options:\n- " + string.Join("\n- ", problems), isFatal: true);
        }
    }
}