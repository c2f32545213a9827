using System.Diagnostics;
using System.Globalization;
using System.Text;

using Recreation.Cli.Tests.ChildProcesses;

namespace Recreation.Cli.Tests.Hostile;

/// <summary>
/// Runs the built <c>recreate</c> as a child process for a corpus case (started as
/// <see cref="ChildProcess.StartInfo"/> does: <c>dotnet recreate.dll ARGS</c>, stdin closed, both
/// streams drained) and measures its peak memory.
/// </summary>
/// <remarks>
/// Peak memory is the kernel's own high-water mark of the process's resident set, <c>VmHWM</c> in
/// <c>/proc/PID/status</c>, read every 5 ms while the child runs. The mark only ever rises, so a
/// sample taken any time after the peak sees it; what can be missed is a peak reached in the last
/// few milliseconds before exit (after exit the kernel frees the memory and the line is gone, and
/// .NET reaps the child itself, so <c>wait4</c>'s rusage is out of reach). <c>dotnet recreate.dll</c>
/// runs the app inside the host process, so that PID is the app; ffmpeg children are separate
/// processes and not counted. As a guard for the shared machine, the child also runs with a GC heap
/// hard limit (<c>DOTNET_GCHeapHardLimit</c>, 512 MiB): a runaway buffer then fails fast with an
/// out-of-memory error (which the case reports) instead of taking gigabytes.
/// Off Linux no sample exists and the peak reads 0.
/// </remarks>
public static class HostileProcess
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(5);

    public static async Task<HostileResult> RunAsync(
        string workingDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, TimeSpan? interruptAfter)
    {
        var start = ChildProcess.StartInfo(workingDirectory, args, redirectInput: true);
        if (interruptAfter is not null)
        {
            start = ChildProcess.WithDefaultInterrupt(start);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["DOTNET_GCHeapHardLimit"] = "0x20000000";
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();

        using var exited = new CancellationTokenSource();
        var sampler = Task.Run(() => SamplePeakAsync(process.Id, exited.Token));
        var interrupter = interruptAfter is { } delay ? InterruptAsync(process.Id, delay, exited.Token) : Task.CompletedTask;
        var timedOut = false;
        using (var deadline = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        await exited.CancelAsync();
        var peak = await sampler;
        await interrupter;
        process.WaitForExit(); // flushes the asynchronous output readers
        lock (stdout)
        {
            lock (stderr)
            {
                return new HostileResult(process.ExitCode, stdout.ToString(), stderr.ToString(), peak, timedOut);
            }
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }

    private static async Task InterruptAsync(int pid, TimeSpan delay, CancellationToken exited)
    {
        try
        {
            await Task.Delay(delay, exited);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-INT", pid.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(CancellationToken.None);
    }

    private static async Task<long> SamplePeakAsync(int pid, CancellationToken exited)
    {
        var path = $"/proc/{pid}/status";
        long peak = 0;
        while (true)
        {
            peak = Math.Max(peak, ReadHighWaterMarkKb(path));
            if (exited.IsCancellationRequested)
            {
                return peak;
            }

            try
            {
                await Task.Delay(SampleInterval, exited);
            }
            catch (OperationCanceledException)
            {
                return peak;
            }
        }
    }

    /// <summary>VmHWM in kB, or 0 when the process is gone (a zombie has no such line) or off Linux.</summary>
    private static long ReadHighWaterMarkKb(string statusPath)
    {
        try
        {
            foreach (var line in File.ReadLines(statusPath))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between two samples.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: /proc entries of a reaped process vanish.
        }

        return 0;
    }
}