using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Recreation.Benchmarks;

/// <summary>One finished child process: exit code, output, wall time, and the peak resident set when it was sampled.</summary>
internal sealed record ChildResult(
    string CommandLine,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Elapsed,
    long? PeakRssKb,
    IReadOnlyList<TimedLine> OutputLines)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>What to print when the run failed: the command, the exit code and both streams.</summary>
    public string Describe()
    {
        return string.Create(CultureInfo.InvariantCulture,
            $"`{CommandLine}` exited with {ExitCode} after {Elapsed.TotalSeconds:0.00} s\n--- stdout ---\n{StandardOutput.TrimEnd()}\n--- stderr ---\n{Tail(StandardError, 4000).TrimEnd()}");
    }

    private static string Tail(string text, int characters) => text.Length <= characters ? text : "…" + text[^characters..];
}

/// <summary>A stdout line and when it arrived, counted from the start of the process.</summary>
internal sealed record TimedLine(TimeSpan At, string Text);

/// <summary>
/// Runs a program with its arguments passed one by one (no shell), stdin closed, stdout and stderr
/// drained asynchronously (a full pipe would block the child) and stdout lines time-stamped as they
/// arrive. Wall time runs from just before the start to the end of both streams. With
/// <c>sampleMemory</c>, polls <c>/proc/PID/status</c> every 20 ms and keeps the highest VmHWM
/// (the kernel's own peak RSS of that process; VmRSS where VmHWM is missing).
/// </summary>
internal static class ChildProcess
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(20);

    /// <param name="environment">Variables set for the child on top of this process's own, or null.</param>
    public static async Task<ChildResult> RunAsync(string fileName, IReadOnlyList<string> arguments, bool sampleMemory = false, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var lines = new List<TimedLine>();
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var stopwatch = new Stopwatch();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (lines)
                {
                    lines.Add(new TimedLine(stopwatch.Elapsed, e.Data));
                    stdout.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };

        stopwatch.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        using var exited = new CancellationTokenSource();
        var sampler = sampleMemory ? SamplePeakRssAsync(process.Id, exited.Token) : Task.FromResult<long?>(null);
        await process.WaitForExitAsync().ConfigureAwait(false);
        stopwatch.Stop();
        await exited.CancelAsync().ConfigureAwait(false);
        var peak = await sampler.ConfigureAwait(false);

        lock (lines)
        {
            return new ChildResult(CommandLine(fileName, arguments), process.ExitCode, stdout.ToString(), stderr.ToString(), stopwatch.Elapsed, peak, lines.ToList());
        }
    }

    /// <summary>A shell-pasteable rendering of a command, for messages.</summary>
    public static string CommandLine(string fileName, IEnumerable<string> arguments)
    {
        return string.Join(' ', new[] { fileName }.Concat(arguments).Select(Quote));
    }

    private static string Quote(string argument)
    {
        return argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:+,@%".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", @"'\''", StringComparison.Ordinal) + "'";
    }

    private static async Task<long?> SamplePeakRssAsync(int pid, CancellationToken stop)
    {
        var path = $"/proc/{pid}/status";
        long? peak = null;
        while (true)
        {
            if (ReadPeakKb(path) is { } sample)
            {
                peak = Math.Max(peak ?? 0, sample);
            }

            if (stop.IsCancellationRequested)
            {
                return peak;
            }

            try
            {
                await Task.Delay(SampleInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return peak;
            }
        }
    }

    /// <summary>max(VmHWM, VmRSS) in kB, or null once the process is gone (a zombie has neither line).</summary>
    private static long? ReadPeakKb(string statusPath)
    {
        string[] status;
        try
        {
            status = File.ReadAllLines(statusPath);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        long? peak = null;
        foreach (var line in status)
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal) || line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var value = line[6..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb))
                {
                    peak = Math.Max(peak ?? 0, kb);
                }
            }
        }

        return peak;
    }
}