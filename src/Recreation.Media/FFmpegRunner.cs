using System.ComponentModel;
using System.Diagnostics;
using System.Text;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

using Recreation.Media.Files;
using Recreation.Media.Processes;

namespace Recreation.Media;

/// <summary>
/// The one process runner for ffmpeg and ffprobe. Arguments go through
/// <c>ProcessStartInfo.ArgumentList</c>; stdout and stderr are drained asynchronously (a full
/// pipe would block ffmpeg); stderr keeps a bounded tail; ffmpeg's progress is parsed; a
/// cancelled run gets `q` on stdin, then is killed after <see cref="MediaToolsOptions.CancelGracePeriod"/>,
/// its partial output deleted and <see cref="OperationCanceledException"/> thrown. Failures throw
/// <see cref="MediaToolException"/>, or <see cref="OutputNotWritableException"/> when ffmpeg says its
/// output's disk is full or read-only. Thread-safe: one instance serves parallel runs.
/// </summary>
public sealed class FFmpegRunner
{
    private const int MessageTailLines = 15;
    private readonly Lazy<MediaToolPaths> _tools;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public FFmpegRunner(MediaToolsOptions? options = null, ILogger<FFmpegRunner>? logger = null, TimeProvider? timeProvider = null)
    {
        Options = options ?? new MediaToolsOptions();
        Options.Validate();
        _tools = new Lazy<MediaToolPaths>(() => MediaToolPaths.Locate(Options), LazyThreadSafetyMode.PublicationOnly);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    public MediaToolsOptions Options { get; }

    /// <summary>The located executables; throws a fatal <see cref="MediaException"/> with install advice when missing.</summary>
    public MediaToolPaths Tools => _tools.Value;

    public async Task<MediaCommandResult> RunAsync(MediaCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        var executable = Tools.PathOf(command.Tool);
        var arguments = WithGlobalOptions(command);
        var commandLine = CommandLineDisplay.Format(executable, arguments);
        var toolName = command.Tool == MediaTool.FFmpeg ? "ffmpeg" : "ffprobe";

        using var process = new Process { StartInfo = CreateStartInfo(executable, arguments) };
        var started = _time.GetTimestamp();
        _logger.LogDebug("Running {Tool} for {Purpose}: {CommandLine}", toolName, command.Purpose, commandLine);
        try
        {
#pragma warning disable RS0030 // Process.Start is banned everywhere else: this is the one process runner the ban points to.
            process.Start();
#pragma warning restore RS0030
        }
        catch (Win32Exception ex)
        {
            throw new MediaException(
                $"Could not start {toolName} at '{executable}': {ex.Message}. Check that the file is executable, or reinstall it (`sudo apt-get install -y ffmpeg`).",
                isFatal: true, ex);
        }

        var stderr = new BoundedLineBuffer(Options.StandardErrorTailLines);
        var stdoutText = new StringBuilder();
        using var stdoutBytes = new MemoryStream();
        var tracker = command.Tool == MediaTool.FFmpeg && !command.UsesStandardOutputForData
            ? new ProgressTracker(command.ExpectedDuration, command.Progress)
            : null;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var stderrTask = PumpLinesAsync(process.StandardError, line =>
        {
            stderr.Add(line);
            command.StandardErrorLine?.Invoke(line);
        });
        Exception? readerFailure = null;
        var stdoutTask = command.StandardOutputReader is { } reader
            ? ReadStandardOutputAsync(process.StandardOutput.BaseStream, reader, abort, e => readerFailure = e)
            : command.CaptureBinaryOutput
            ? process.StandardOutput.BaseStream.CopyToAsync(stdoutBytes, CancellationToken.None)
            : PumpLinesAsync(process.StandardOutput, line =>
            {
                if (tracker is null)
                {
                    stdoutText.Append(line).Append('\n');
                    return;
                }

                tracker.OnLine(line);
                if (tracker.RunawayReason is not null)
                {
                    abort.Cancel();
                }
            });

        try
        {
            await process.WaitForExitAsync(abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await StopAsync(process, graceful: command.Tool == MediaTool.FFmpeg).ConfigureAwait(false);
        }

        await Task.WhenAll(stdoutTask, stderrTask).ConfigureAwait(false);
        var elapsed = _time.GetElapsedTime(started);

        if (cancellationToken.IsCancellationRequested)
        {
            DeletePartialOutput(command.OutputPath);
            _logger.LogInformation("Cancelled {Tool} ({Purpose}) after {ElapsedMs:0} ms", toolName, command.Purpose, elapsed.TotalMilliseconds);
            throw new OperationCanceledException($"{toolName} was cancelled while {command.Purpose}.", cancellationToken);
        }

        if (readerFailure is not null)
        {
            DeletePartialOutput(command.OutputPath);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readerFailure);
        }

        if (tracker?.RunawayReason is { } runaway)
        {
            DeletePartialOutput(command.OutputPath);
            throw Failure(toolName, command, commandLine, -1, stderr,
                $"{toolName} was stopped while {command.Purpose}: {runaway}");
        }

        if (process.ExitCode != 0)
        {
            DeletePartialOutput(command.OutputPath);
            if (command.OutputPath is { } output && OutputNotWritableException.FromToolError(output, stderr.Text) is { } notWritable)
            {
                // A full disk or read-only folder is the user's to fix, not a failure of the media.
                throw notWritable;
            }

            throw Failure(toolName, command, commandLine, process.ExitCode, stderr,
                $"{toolName} failed (exit code {process.ExitCode}) while {command.Purpose}.");
        }

        _logger.LogDebug("{Tool} finished {Purpose} in {ElapsedMs:0} ms", toolName, command.Purpose, elapsed.TotalMilliseconds);
        if (tracker is { SawEnd: true })
        {
            command.Progress?.Report(1.0);
        }

        return new MediaCommandResult(commandLine, process.ExitCode, stdoutText.ToString(), stdoutBytes.ToArray(), stderr.Text, elapsed, tracker?.Frames);
    }

    private static List<string> WithGlobalOptions(MediaCommand command)
    {
        // -y: every output is a file we own (usually a temp name); never stop to ask.
        // No -nostdin: a cancelled run is asked to quit with `q` on stdin, which leaves a valid file.
        var arguments = new ArgumentsBuilder().Add("-hide_banner").Add("-loglevel", command.LogLevel);
        if (command.Tool == MediaTool.FFmpeg)
        {
            arguments.Add("-nostats").Add("-y");
            if (!command.UsesStandardOutputForData)
            {
                arguments.Add("-progress", "pipe:1").Add("-stats_period", "0.25");
            }
        }

        return [.. arguments.Build(), .. command.Arguments];
    }

    private static ProcessStartInfo CreateStartInfo(string executable, IReadOnlyList<string> arguments)
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>Hands stdout to the reader; whatever it leaves unread is drained (a full pipe would block ffmpeg).</summary>
    private static async Task ReadStandardOutputAsync(Stream stdout, Func<Stream, CancellationToken, Task> reader, CancellationTokenSource abort, Action<Exception> failed)
    {
        try
        {
            await reader(stdout, abort.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !abort.IsCancellationRequested)
        {
            // The reader's own failure (bad data, a bug): stop ffmpeg, then rethrow it from RunAsync.
            failed(e);
            await abort.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Cancelled with the run: RunAsync reports the cancellation.
        }

        await stdout.CopyToAsync(Stream.Null, CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task PumpLinesAsync(StreamReader reader, Action<string> onLine)
    {
        while (await reader.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            onLine(line);
        }
    }

    private async Task StopAsync(Process process, bool graceful)
    {
        if (graceful && !process.HasExited)
        {
            try
            {
                await process.StandardInput.WriteAsync('q').ConfigureAwait(false);
                await process.StandardInput.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException)
            {
                // ffmpeg closed its stdin while exiting on its own: there is nothing left to ask.
            }

            using var grace = new CancellationTokenSource(Options.CancelGracePeriod, _time);
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                _logger.LogWarning("ffmpeg did not quit within {GraceSeconds} s of `q`; killing it", Options.CancelGracePeriod.TotalSeconds);
            }
        }

        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill: nothing to stop.
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void DeletePartialOutput(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            // Leaving a partial temp file behind is untidy but harmless: it never has the final name.
            _logger.LogWarning(ex, "Could not delete the partial output {Path}", path);
        }
        catch (UnauthorizedAccessException ex)
        {
            _logger.LogWarning(ex, "Could not delete the partial output {Path}", path);
        }
    }

    private static MediaToolException Failure(string toolName, MediaCommand command, string commandLine, int exitCode, BoundedLineBuffer stderr, string headline)
    {
        var tail = stderr.Tail(MessageTailLines);
        var hint = command.FailureHint
            ?? "Run the command above by hand to see the whole log. 'Invalid data' or 'moov atom not found' means the input is damaged or incomplete (fetch it again); "
            + "'Unknown encoder' or 'No such filter' means this ffmpeg build lacks a component (install the distribution's full ffmpeg package).";
        var message = new StringBuilder()
            .AppendLine(headline)
            .Append("Command: ").AppendLine(commandLine)
            .AppendLine(tail.Length == 0 ? $"{toolName} wrote nothing to stderr." : "Last lines of stderr:")
            .AppendLine(tail.Length == 0 ? string.Empty : "  " + tail.Replace("\n", "\n  ", StringComparison.Ordinal))
            .Append("What to do: ").Append(hint)
            .ToString();
        return new MediaToolException(message, commandLine, exitCode, stderr.Text);
    }
}