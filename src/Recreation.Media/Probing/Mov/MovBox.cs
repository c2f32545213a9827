using System.Buffers.Binary;

namespace Recreation.Media.Probing.Mov;

/// <summary>
/// One box (atom) of a QuickTime/ISO file held in memory: its four-letter type and its payload.
/// Every read is bounds-checked and throws <see cref="MovFormatException"/> on a short or
/// inconsistent box, so a damaged or hostile file can only make the reader give up.
/// </summary>
internal readonly struct MovBox(string type, ReadOnlyMemory<byte> payload)
{
    public string Type { get; } = type;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public ReadOnlySpan<byte> Span => Payload.Span;

    /// <summary>The boxes inside a container box's payload, from <paramref name="offset"/> on.</summary>
    public IReadOnlyList<MovBox> Children(int offset = 0) => Parse(Payload[offset..]);

    /// <summary>The only child of this type, or null when there is none; a second one is refused.</summary>
    public MovBox? Child(string type, int offset = 0)
    {
        MovBox? found = null;
        foreach (var child in Children(offset))
        {
            if (child.Type == type)
            {
                found = found is null ? child : throw new MovFormatException($"two '{type}' boxes in '{Type}'");
            }
        }

        return found;
    }

    /// <summary>The only child of this type; its absence is refused.</summary>
    public MovBox Require(string type, int offset = 0) => Child(type, offset) ?? throw new MovFormatException($"no '{type}' box in '{Type}'");

    public byte U8(int at) => at >= 0 && at < Payload.Length ? Span[at] : throw Short();

    public ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(Slice(at, 2));

    public uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(Slice(at, 4));

    public ulong U64(int at) => BinaryPrimitives.ReadUInt64BigEndian(Slice(at, 8));

    public ReadOnlySpan<byte> Slice(int at, int length) =>
        at >= 0 && length >= 0 && (long)at + length <= Payload.Length ? Span.Slice(at, length) : throw Short();

    /// <summary>A table's entry count, refused when the table's <paramref name="entrySize"/>-byte entries from <paramref name="at"/> would run past the box.</summary>
    public int Count(int at, int entrySize)
    {
        var count = U32(at);
        return count <= (Payload.Length - at - 4) / entrySize ? (int)count : throw new MovFormatException($"'{Type}' claims {count} entries it does not hold");
    }

    /// <summary>The boxes in <paramref name="data"/>, which they must fill exactly.</summary>
    public static IReadOnlyList<MovBox> Parse(ReadOnlyMemory<byte> data)
    {
        var boxes = new List<MovBox>();
        var at = 0;
        while (at < data.Length)
        {
            if (data.Length - at < 8)
            {
                throw new MovFormatException("a box header runs past its parent");
            }

            var span = data.Span;
            long size = BinaryPrimitives.ReadUInt32BigEndian(span[at..]);
            var type = FourCc(span.Slice(at + 4, 4));
            var header = 8;
            if (size == 1)
            {
                size = data.Length - at >= 16 ? (long)BinaryPrimitives.ReadUInt64BigEndian(span[(at + 8)..]) : throw new MovFormatException("a box header runs past its parent");
                header = 16;
            }
            else if (size == 0)
            {
                size = data.Length - at;
            }

            if (size < header || size > data.Length - at)
            {
                throw new MovFormatException($"box '{type}' claims {size} bytes where {data.Length - at} remain");
            }

            boxes.Add(new MovBox(type, data.Slice(at + header, (int)size - header)));
            at += (int)size;
        }

        return boxes;
    }

    public static string FourCc(ReadOnlySpan<byte> bytes) => string.Create(4, bytes.ToArray(), (chars, b) =>
    {
        for (var i = 0; i < 4; i++)
        {
            chars[i] = b[i] is >= 0x20 and < 0x7f ? (char)b[i] : '?';
        }
    });

    private MovFormatException Short() => new($"'{Type}' is too short");
}

/// <summary>The file is not laid out as <see cref="MovIndexReader"/> expects: ffprobe reads it instead.</summary>
internal sealed class MovFormatException(string message) : Exception(message);