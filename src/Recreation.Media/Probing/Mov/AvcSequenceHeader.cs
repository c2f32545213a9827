namespace Recreation.Media.Probing.Mov;

/// <summary>
/// What ffprobe reports from an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1 and Annex
/// E.1.1): size, chroma format and bit depth, range, colour description, aspect ratio, frame
/// structure and reordering. <see cref="FullRange"/> is null when the SPS states no range. Only the shapes x264 writes for our intermediates are read; a scaling
/// matrix, interlacing, picture-order type 1 or HRD parameters are refused
/// (<see cref="MovFormatException"/>), and ffprobe reads such a file instead.
/// </summary>
internal sealed record AvcSequenceHeader(
    int ProfileIdc,
    int ChromaFormatIdc,
    int BitDepthLuma,
    int BitDepthChroma,
    int Width,
    int Height,
    bool? FullRange,
    (int Primaries, int Transfer, int Matrix)? Colour,
    (int Num, int Den)? SampleAspect,
    int? ReorderFrames)
{
    /// <summary>Parses one SPS NAL unit (its header byte included).</summary>
    public static AvcSequenceHeader Parse(ReadOnlySpan<byte> nal)
    {
        if (nal.Length < 4 || (nal[0] & 0x1f) != 7)
        {
            throw new MovFormatException("the avcC's first parameter set is not an SPS");
        }

        var bits = new BitReader(Unescape(nal[1..]));
        var profile = bits.Bits(8);
        bits.Bits(16); // constraint flags, level
        bits.Ue(); // seq_parameter_set_id
        int chroma = 1, depthLuma = 8, depthChroma = 8;
        if (profile is 100 or 110 or 122 or 244 or 44 or 83 or 86 or 118 or 128 or 138 or 139 or 134 or 135)
        {
            chroma = bits.Ue();
            if (chroma == 3)
            {
                bits.Bits(1); // separate_colour_plane_flag
            }

            depthLuma = bits.Ue() + 8;
            depthChroma = bits.Ue() + 8;
            bits.Bits(1); // qpprime_y_zero_transform_bypass_flag
            Refuse(bits.Bits(1) == 1, "a scaling matrix");
        }

        bits.Ue(); // log2_max_frame_num_minus4
        var pocType = bits.Ue();
        Refuse(pocType == 1, "picture order type 1");
        if (pocType == 0)
        {
            bits.Ue(); // log2_max_pic_order_cnt_lsb_minus4
        }

        bits.Ue(); // max_num_ref_frames
        bits.Bits(1); // gaps_in_frame_num_value_allowed_flag
        var widthMbs = bits.Ue() + 1;
        var heightMapUnits = bits.Ue() + 1;
        Refuse(bits.Bits(1) == 0, "interlaced coding");
        bits.Bits(1); // direct_8x8_inference_flag
        int cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (bits.Bits(1) == 1)
        {
            (cropLeft, cropRight, cropTop, cropBottom) = (bits.Ue(), bits.Ue(), bits.Ue(), bits.Ue());
        }

        var (unitX, unitY) = chroma switch { 1 => (2, 2), 2 => (2, 1), _ => (1, 1) };
        var width = (widthMbs * 16) - ((cropLeft + cropRight) * unitX);
        var height = (heightMapUnits * 16) - ((cropTop + cropBottom) * unitY);
        var header = new AvcSequenceHeader(profile, chroma, depthLuma, depthChroma, width, height, null, null, null, null);
        return bits.Bits(1) == 1 ? ReadVui(bits, header) : header;
    }

    private static AvcSequenceHeader ReadVui(BitReader bits, AvcSequenceHeader header)
    {
        if (bits.Bits(1) == 1)
        {
            var idc = bits.Bits(8);
            header = header with
            {
                SampleAspect = idc == 255 ? (bits.Bits(16), bits.Bits(16)) : idc == 1 ? (1, 1) : idc == 0 ? null : throw new MovFormatException($"aspect ratio code {idc}"),
            };
        }

        if (bits.Bits(1) == 1)
        {
            bits.Bits(1); // overscan_appropriate_flag
        }

        if (bits.Bits(1) == 1)
        {
            bits.Bits(3); // video_format
            header = header with { FullRange = bits.Bits(1) == 1 };
            if (bits.Bits(1) == 1)
            {
                header = header with { Colour = (bits.Bits(8), bits.Bits(8), bits.Bits(8)) };
            }
        }

        if (bits.Bits(1) == 1)
        {
            bits.Ue(); // chroma_sample_loc_type_top_field
            bits.Ue(); // chroma_sample_loc_type_bottom_field
        }

        if (bits.Bits(1) == 1)
        {
            bits.Bits(32); // num_units_in_tick
            bits.Bits(32); // time_scale
            bits.Bits(1); // fixed_frame_rate_flag
        }

        Refuse(bits.Bits(1) == 1 || bits.Bits(1) == 1, "HRD parameters");
        bits.Bits(1); // pic_struct_present_flag
        if (bits.Bits(1) == 1)
        {
            bits.Bits(1); // motion_vectors_over_pic_boundaries_flag
            bits.Ue(); // max_bytes_per_pic_denom
            bits.Ue(); // max_bits_per_mb_denom
            bits.Ue(); // log2_max_mv_length_horizontal
            bits.Ue(); // log2_max_mv_length_vertical
            header = header with { ReorderFrames = bits.Ue() };
            bits.Ue(); // max_dec_frame_buffering
        }

        return header;
    }

    private static void Refuse(bool condition, string what)
    {
        if (condition)
        {
            throw new MovFormatException($"the SPS uses {what}");
        }
    }

    /// <summary>The NAL payload with its emulation-prevention bytes (00 00 03) removed.</summary>
    private static byte[] Unescape(ReadOnlySpan<byte> payload)
    {
        var result = new List<byte>(payload.Length);
        var zeros = 0;
        foreach (var b in payload)
        {
            if (zeros >= 2 && b == 3)
            {
                zeros = 0;
                continue;
            }

            zeros = b == 0 ? zeros + 1 : 0;
            result.Add(b);
        }

        return result.ToArray();
    }

    /// <summary>Reads bits most significant first; running past the end is refused.</summary>
    private sealed class BitReader(byte[] data)
    {
        private long _position;

        public int Bits(int count)
        {
            var value = 0L;
            for (var i = 0; i < count; i++)
            {
                if (_position >= data.LongLength * 8)
                {
                    throw new MovFormatException("the SPS ends early");
                }

                value = (value << 1) | (uint)((data[_position >> 3] >> (7 - (int)(_position & 7))) & 1);
                _position++;
            }

            return (int)value;
        }

        /// <summary>An unsigned Exp-Golomb code (§9.1); values past 2^16 are refused, none of ours come near.</summary>
        public int Ue()
        {
            var zeros = 0;
            while (Bits(1) == 0)
            {
                if (++zeros > 16)
                {
                    throw new MovFormatException("an SPS value is out of range");
                }
            }

            return (1 << zeros) - 1 + Bits(zeros);
        }
    }
}