using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Recreation.Media.Analysis;

/// <summary>
/// Sums of absolute differences, 16 values at a time: the inner loop of the motion search and of
/// every frame comparison, run a few hundred thousand times per second of video. The results are
/// exact (the same integers as the plain loop, which is kept for short rows and for checking).
/// </summary>
internal static class AbsoluteDifference
{
    /// <summary>16 zeros then 16 ones-bytes: a 16-byte window starting at k keeps the last k lanes.</summary>
    private static ReadOnlySpan<byte> TailMasks => [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255];

    /// <summary>Σ |a[i] − b[i]| over two spans of the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Sum(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Spans of {a.Length} and {b.Length} bytes cannot be compared.", nameof(b));
        }

        var length = a.Length;
        if (!Vector128.IsHardwareAccelerated || length < Vector128<byte>.Count)
        {
            return Plain(a, b);
        }

        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var sums = Vector128<ulong>.Zero;
        var i = 0;
        for (; i <= length - Vector128<byte>.Count; i += Vector128<byte>.Count)
        {
            sums += Block(Vector128.LoadUnsafe(ref ra, (nuint)i), Vector128.LoadUnsafe(ref rb, (nuint)i));
        }

        var tail = length - i;
        if (tail > 0)
        {
            // The last 16 bytes overlap what was summed; the mask keeps only the `tail` new ones.
            var start = (nuint)(length - Vector128<byte>.Count);
            var mask = Vector128.Create(TailMasks.Slice(tail, Vector128<byte>.Count));
            sums += Block(Vector128.LoadUnsafe(ref ra, start) & mask, Vector128.LoadUnsafe(ref rb, start) & mask);
        }

        return (long)Vector128.Sum(sums);
    }

    /// <summary>Σ |a[i] − b[i]| for two equally long spans of 16-bit counts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Sum(ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Spans of {a.Length} and {b.Length} values cannot be compared.", nameof(b));
        }

        long total = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var ra = ref MemoryMarshal.GetReference(a);
            ref var rb = ref MemoryMarshal.GetReference(b);
            var sums = Vector128<uint>.Zero;
            for (; i <= a.Length - Vector128<ushort>.Count; i += Vector128<ushort>.Count)
            {
                var va = Vector128.LoadUnsafe(ref ra, (nuint)i);
                var vb = Vector128.LoadUnsafe(ref rb, (nuint)i);
                var (low, high) = Vector128.Widen(Vector128.Max(va, vb) - Vector128.Min(va, vb));
                sums += low + high;
            }

            total = Vector128.Sum(sums);
        }

        for (; i < a.Length; i++)
        {
            total += Math.Abs(a[i] - b[i]);
        }

        return total;
    }

    /// <summary>The plain loop (short spans, no vector unit, and the reference the specs compare with).</summary>
    internal static long Plain(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long total = 0;
        for (var i = 0; i < a.Length; i++)
        {
            total += Math.Abs(a[i] - b[i]);
        }

        return total;
    }

    /// <summary>The 16 absolute differences summed into two 64-bit lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Block(Vector128<byte> a, Vector128<byte> b)
    {
        if (Sse2.IsSupported)
        {
            // PSADBW: two 16-bit sums, one in each 64-bit half.
            return Sse2.SumAbsoluteDifferences(a, b).AsUInt64();
        }

        var (low, high) = Vector128.Widen(Vector128.Max(a, b) - Vector128.Min(a, b));
        var (a32, b32) = Vector128.Widen(low + high);
        var (a64, b64) = Vector128.Widen(a32 + b32);
        return a64 + b64;
    }
}