using System.Diagnostics;

namespace Recreation.Testing;

/// <summary>Hard links for tests (.NET has no API for them): <c>ln TARGET LINK</c>.</summary>
public static class HardLinks
{
    public static void Create(string link, string target)
    {
        var start = new ProcessStartInfo("ln") { UseShellExecute = false, RedirectStandardError = true };
        start.ArgumentList.Add(target);
        start.ArgumentList.Add(link);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ln");
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(10_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ln {target} {link} failed: {error}");
        }
    }
}