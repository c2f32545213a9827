namespace Recreation.Testing;

/// <summary>Finds a secret, or any run of 8 or more of its consecutive characters, in text or in every file of a folder.</summary>
public static class SecretLeaks
{
    public const int Run = 8;

    /// <summary>The first run of at least <see cref="Run"/> characters of <paramref name="secret"/> found in <paramref name="text"/> (ignoring case); null when none.</summary>
    public static string? Find(string text, string secret)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var run = Math.Min(Run, secret.Length);
        for (var start = 0; start + run <= secret.Length; start++)
        {
            var piece = secret.Substring(start, run);
            if (text.Contains(piece, StringComparison.OrdinalIgnoreCase))
            {
                return piece;
            }
        }

        return null;
    }

    /// <summary>Every file under <paramref name="folder"/> that holds a run of <paramref name="secret"/>, with the run found.</summary>
    public static IReadOnlyList<string> InFiles(string folder, string secret) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => (file, found: Find(System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(file)), secret)))
            .Where(x => x.found is not null)
            .Select(x => $"{x.file}: '{x.found}'")
            .ToList();
}