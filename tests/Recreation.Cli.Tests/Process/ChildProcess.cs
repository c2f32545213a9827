using System.Diagnostics;

// Not ".Process": a namespace of that name would hide System.Diagnostics.Process from the rest of Recreation.Cli.Tests.
namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>The result of running the built <c>recreate</c> as a child process.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public string All => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>Runs <c>dotnet recreate.dll …</c> from the test's output folder, as a user would run the tool.</summary>
public static class ChildProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public static string RecreateDll => Path.Combine(AppContext.BaseDirectory, "recreate.dll");

    public static async Task<ProcessResult> RunRecreateAsync(string workingDirectory, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"recreate {string.Join(' ', args)} did not finish within {Timeout.TotalSeconds} s");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// How to start <c>dotnet recreate.dll ARGS</c> in <paramref name="workingDirectory"/>: stdout and
    /// stderr redirected (stdin too when asked), output plain and free of first-run banners.
    /// </summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> args, bool redirectInput = false)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RecreateDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    /// <summary>
    /// Starts the child with SIGINT at its default action, for tests that send it Ctrl+C. A test run
    /// started without job control (a CI runner's background job, <c>nohup</c>, <c>cmd &amp;</c> in a
    /// script) inherits SIGINT as ignored; .NET keeps an ignored SIGINT ignored, and so would every
    /// child, which then never sees the signal. <c>env --default-signal</c> (GNU coreutils 8.31+)
    /// resets it and execs the host in the same process, so the PID is still the app's.
    /// </summary>
    public static ProcessStartInfo WithDefaultInterrupt(ProcessStartInfo start)
    {
        if (!OperatingSystem.IsLinux())
        {
            return start;
        }

        var wrapped = new ProcessStartInfo("/usr/bin/env")
        {
            WorkingDirectory = start.WorkingDirectory,
            RedirectStandardInput = start.RedirectStandardInput,
            RedirectStandardOutput = start.RedirectStandardOutput,
            RedirectStandardError = start.RedirectStandardError,
            UseShellExecute = false,
        };
        wrapped.ArgumentList.Add("--default-signal=INT");
        wrapped.ArgumentList.Add(start.FileName);
        foreach (var arg in start.ArgumentList)
        {
            wrapped.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in start.Environment)
        {
            wrapped.Environment[name] = value;
        }

        return wrapped;
    }

    /// <summary>The dotnet host running the tests (set by <c>dotnet test</c>), else the one on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}