using System.Diagnostics;
using System.Globalization;

namespace Recreation.Testing;

/// <summary>
/// Watches a child process's peak resident memory (<c>VmHWM</c> in <c>/proc/PID/status</c>, Linux),
/// polling it until the process exits: the peak only grows, so the last reading before the exit is
/// the run's peak to within one polling interval.
/// </summary>
public sealed class PeakMemory
{
    private long _peakBytes;

    /// <summary>The highest peak read so far, in bytes (0 when it could not be read).</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    public double PeakMiB => PeakBytes / (1024.0 * 1024.0);

    /// <summary>Polls <paramref name="process"/> every 10 ms until it exits or <paramref name="cancellationToken"/> fires.</summary>
    public async Task WatchAsync(Process process, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        var status = $"/proc/{process.Id.ToString(CultureInfo.InvariantCulture)}/status";
        while (!process.HasExited && !cancellationToken.IsCancellationRequested)
        {
            Read(status);
            try
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Read(string status)
    {
        try
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kib))
                {
                    var bytes = kib * 1024;
                    if (bytes > PeakBytes)
                    {
                        Interlocked.Exchange(ref _peakBytes, bytes);
                    }

                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process ended between the check and the read: the last reading stands.
        }
    }
}