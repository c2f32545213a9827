using System.Globalization;

using Recreation.Media.Processes;

namespace Recreation.Media.Frames;

/// <summary>
/// An image made small enough to send: JPEG, its longer side at most a given size, its bytes under a
/// cap. Each try halves the size and lowers the quality until the cap is met (three tries at most).
/// </summary>
public sealed class JpegThumbnail(FFmpegRunner runner)
{
    public async Task<byte[]> CreateAsync(string imagePath, int maxSide, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1024);
        var scratch = Path.Combine(Path.GetTempPath(), "recreation-thumb-" + Guid.NewGuid().ToString("N") + ".jpg");
        try
        {
            var side = maxSide;
            var quality = 4;
            for (var attempt = 0; ; attempt++)
            {
                var scale = string.Create(CultureInfo.InvariantCulture, $"scale='min({side},iw)':'min({side},ih)':force_original_aspect_ratio=decrease:flags=lanczos,scale=trunc(iw/2)*2:trunc(ih/2)*2,format=yuvj420p");
                var arguments = new ArgumentsBuilder()
                    .Input(imagePath)
                    .Add("-frames:v", "1")
                    .Add("-vf", scale)
                    .Add("-q:v", quality.ToString(CultureInfo.InvariantCulture))
                    .Output(scratch)
                    .Build();
                await runner.RunAsync(MediaCommand.FFmpeg(arguments, $"making a JPEG of '{imagePath}'"), cancellationToken).ConfigureAwait(false);
                var bytes = await File.ReadAllBytesAsync(scratch, cancellationToken).ConfigureAwait(false);
                if (bytes.Length <= maxBytes)
                {
                    return bytes;
                }

                if (attempt == 2)
                {
                    throw new MediaException(string.Create(CultureInfo.InvariantCulture, $"'{imagePath}' is still {bytes.Length} bytes as a {side}-pixel JPEG, over the cap of {maxBytes}.")) { FilePath = imagePath };
                }

                side = Math.Max(16, side / 2);
                quality = Math.Min(31, quality + 6);
            }
        }
        finally
        {
            File.Delete(scratch);
        }
    }
}