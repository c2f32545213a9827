namespace Recreation.Media;

/// <summary>The resolved, existing executables of ffmpeg and ffprobe.</summary>
public sealed record MediaToolPaths(string Ffmpeg, string Ffprobe)
{
    /// <summary>
    /// Finds both tools: the configured paths when set (they must exist), else PATH. Throws a fatal
    /// <see cref="MediaException"/> that says how to install the missing tool.
    /// </summary>
    public static MediaToolPaths Locate(MediaToolsOptions options)
    {
        return Locate(options, Environment.GetEnvironmentVariable("PATH") ?? string.Empty);
    }

    /// <summary>As <see cref="Locate(MediaToolsOptions)"/>, searching the given PATH value.</summary>
    internal static MediaToolPaths Locate(MediaToolsOptions options, string searchPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var ffmpeg = Resolve("ffmpeg", options.FfmpegPath, nameof(MediaToolsOptions.FfmpegPath), besideDirectory: null, searchPath);
        var ffprobe = Resolve("ffprobe", options.FfprobePath, nameof(MediaToolsOptions.FfprobePath),
            besideDirectory: options.FfmpegPath is null ? null : Path.GetDirectoryName(ffmpeg), searchPath);
        return new MediaToolPaths(ffmpeg, ffprobe);
    }

    /// <summary>The path of a tool, for display and for the process runner.</summary>
    public string PathOf(MediaTool tool) => tool == MediaTool.FFmpeg ? Ffmpeg : Ffprobe;

    private static string Resolve(string tool, string? configured, string optionName, string? besideDirectory, string searchPath)
    {
        if (configured is not null)
        {
            if (File.Exists(configured))
            {
                return Path.GetFullPath(configured);
            }

            throw new MediaException(
                $"{optionName} is set to '{configured}', but no file exists there. Fix the path, or unset {optionName} to look for {tool} on PATH.",
                isFatal: true)
            { FilePath = configured };
        }

        if (besideDirectory is not null && FindIn(besideDirectory, tool) is { } beside)
        {
            return beside;
        }

        foreach (var directory in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (FindIn(directory, tool) is { } found)
            {
                return found;
            }
        }

        throw new MediaException(
            $"{tool} was not found on PATH. Install it: `sudo apt-get install -y ffmpeg` (Debian/Ubuntu), "
            + $"`brew install ffmpeg` (macOS) or `winget install ffmpeg` (Windows), or set {optionName} to the full path of {tool}.",
            isFatal: true);
    }

    private static string? FindIn(string directory, string tool)
    {
        string[] names = OperatingSystem.IsWindows() ? [tool + ".exe", tool] : [tool];
        foreach (var name in names)
        {
            string candidate;
            try
            {
                candidate = Path.Combine(directory.Trim('"'), name);
            }
            catch (ArgumentException)
            {
                // A malformed PATH entry is skipped, as a shell would.
                continue;
            }

            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }
}