namespace Recreation.Media.Files;

/// <summary>
/// The write-only stream <see cref="AtomicFile"/> hands out: a failed write or flush of the local
/// file becomes an <see cref="OutputNotWritableException"/> naming the target, so a caller copying
/// from the network can tell its own disk's failure (fatal, the user's to fix) from the network's
/// (an <see cref="IOException"/> it may retry).
/// </summary>
internal sealed class GuardedStream(FileStream file, string target) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => file.Length;

    public override long Position
    {
        get => file.Position;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Guard(() => file.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            file.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputNotWritableException.For(target, e);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await file.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputNotWritableException.For(target, e);
        }
    }

    public override void Flush() => Guard(file.Flush);

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputNotWritableException.For(target, e);
        }
    }

    /// <summary>Flushes through the OS cache to the disk, so the rename never publishes a file the disk does not hold.</summary>
    public void FlushToDisk() => Guard(() => file.Flush(flushToDisk: true));

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Whatever was buffered was flushed (or failed) before; a failure here only repeats it.
            try
            {
                file.Dispose();
            }
            catch (IOException)
            {
                // The write already failed and was reported; the temp file is deleted next.
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await file.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Same as in Dispose.
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw OutputNotWritableException.For(target, e);
        }
    }
}