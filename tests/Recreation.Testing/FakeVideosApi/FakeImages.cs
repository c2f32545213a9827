using System.Buffers.Binary;
using System.IO.Compression;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>Small valid images made in memory, for input references (no ffmpeg needed).</summary>
public static class FakeImages
{
    /// <summary>An RGB PNG of the given size: a horizontal gradient, so it is not blank.</summary>
    public static byte[] Png(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        WriteChunk(output, "IHDR"u8, header);

        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Fastest, leaveOpen: true))
        {
            var row = new byte[1 + (width * 3)];
            for (var x = 0; x < width; x++)
            {
                row[1 + (x * 3)] = (byte)(x * 255 / Math.Max(1, width - 1));
                row[2 + (x * 3)] = 96;
                row[3 + (x * 3)] = (byte)(255 - row[1 + (x * 3)]);
            }

            for (var y = 0; y < height; y++)
            {
                zlib.Write(row); // filter byte 0, then the row
            }
        }

        WriteChunk(output, "IDAT"u8, pixels.ToArray());
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    /// <summary>Writes <see cref="Png"/> to a file and returns its full path.</summary>
    public static async Task<string> WritePngAsync(string path, int width, int height, CancellationToken cancellationToken = default)
    {
        await File.WriteAllBytesAsync(path, Png(width, height), cancellationToken).ConfigureAwait(false);
        return Path.GetFullPath(path);
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        output.Write(type);
        output.Write(data);
        var crc = Crc32(Crc32(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        output.Write(number);
    }

    private static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc;
    }
}