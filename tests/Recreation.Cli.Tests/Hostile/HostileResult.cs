namespace Recreation.Cli.Tests.Hostile;

/// <summary>How a corpus case's child process ended: exit code, output, and its peak resident set.</summary>
public sealed record HostileResult(int ExitCode, string Stdout, string Stderr, long PeakRssKb, bool TimedOut)
{
    public string All => Stdout + Stderr;

    public override string ToString() =>
        $"exit {ExitCode}{(TimedOut ? " (killed: timed out)" : "")}, peak RSS {PeakRssKb / 1024} MiB\n--- stdout\n{Tail(Stdout)}\n--- stderr\n{Tail(Stderr)}";

    private static string Tail(string text) => text.Length <= 6000 ? text : "…" + text[^6000..];
}