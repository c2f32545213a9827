namespace Recreation.Testing;

/// <summary>Damages copies of media files the ways downloads break.</summary>
public static class MediaFileDamage
{
    /// <summary>Copies the first <paramref name="fraction"/> of a file, like a cut-off download.</summary>
    public static async Task<string> TruncatedCopyAsync(string source, string target, double fraction, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(fraction, 1);
        var bytes = await File.ReadAllBytesAsync(source, cancellationToken).ConfigureAwait(false);
        await File.WriteAllBytesAsync(target, bytes.AsMemory(0, (int)(bytes.Length * fraction)), cancellationToken).ConfigureAwait(false);
        return Path.GetFullPath(target);
    }

    /// <summary>
    /// Copies a file and overwrites <paramref name="length"/> bytes with seeded noise, centred at
    /// <paramref name="position"/> (a fraction of the file; its middle unless told).
    /// </summary>
    public static async Task<string> CorruptedCopyAsync(string source, string target, int length = 4096, int seed = 1, double position = 0.5, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, 1);
        var bytes = await File.ReadAllBytesAsync(source, cancellationToken).ConfigureAwait(false);
        var start = Math.Clamp((int)(bytes.Length * position) - (length / 2), 0, Math.Max(0, bytes.Length - length));
        var noise = new byte[Math.Min(length, bytes.Length - start)];
        new Random(seed).NextBytes(noise);
        noise.CopyTo(bytes, start);
        await File.WriteAllBytesAsync(target, bytes, cancellationToken).ConfigureAwait(false);
        return Path.GetFullPath(target);
    }
}