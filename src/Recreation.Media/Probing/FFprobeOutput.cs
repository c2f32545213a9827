using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recreation.Media.Probing;

// The raw shape of `ffprobe -of json -show_format -show_streams`, read as-is (numbers arrive as
// strings) and mapped once into MediaInfo by MediaInfoMapper. Nothing outside probing sees it.

internal sealed record FFprobeOutput(
    [property: JsonPropertyName("streams")] IReadOnlyList<FFprobeStream>? Streams,
    [property: JsonPropertyName("format")] FFprobeFormat? Format,
    [property: JsonPropertyName("packets")] IReadOnlyList<FFprobePacket>? Packets = null);

internal sealed record FFprobePacket(
    [property: JsonPropertyName("stream_index")] int StreamIndex,
    [property: JsonPropertyName("pts")] long? Pts,
    [property: JsonPropertyName("flags")] string? Flags);

internal sealed record FFprobeFormat(
    [property: JsonPropertyName("format_name")] string? FormatName,
    [property: JsonPropertyName("duration")] string? Duration,
    [property: JsonPropertyName("start_time")] string? StartTime,
    [property: JsonPropertyName("size")] string? Size,
    [property: JsonPropertyName("bit_rate")] string? BitRate);

internal sealed record FFprobeStream(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("codec_type")] string? CodecType,
    [property: JsonPropertyName("codec_name")] string? CodecName,
    [property: JsonPropertyName("profile")] string? Profile,
    [property: JsonPropertyName("width")] int? Width,
    [property: JsonPropertyName("height")] int? Height,
    [property: JsonPropertyName("sample_aspect_ratio")] string? SampleAspectRatio,
    [property: JsonPropertyName("pix_fmt")] string? PixelFormat,
    [property: JsonPropertyName("field_order")] string? FieldOrder,
    [property: JsonPropertyName("has_b_frames")] int? HasBFrames,
    [property: JsonPropertyName("color_range")] string? ColorRange,
    [property: JsonPropertyName("color_space")] string? ColorSpace,
    [property: JsonPropertyName("color_transfer")] string? ColorTransfer,
    [property: JsonPropertyName("color_primaries")] string? ColorPrimaries,
    [property: JsonPropertyName("r_frame_rate")] string? RFrameRate,
    [property: JsonPropertyName("avg_frame_rate")] string? AvgFrameRate,
    [property: JsonPropertyName("time_base")] string? TimeBase,
    [property: JsonPropertyName("start_time")] string? StartTime,
    [property: JsonPropertyName("duration")] string? Duration,
    [property: JsonPropertyName("nb_frames")] string? FrameCount,
    [property: JsonPropertyName("nb_read_packets")] string? ReadPacketCount,
    [property: JsonPropertyName("extradata_hash")] string? ExtradataHash,
    [property: JsonPropertyName("sample_rate")] string? SampleRate,
    [property: JsonPropertyName("channels")] int? Channels,
    [property: JsonPropertyName("channel_layout")] string? ChannelLayout,
    [property: JsonPropertyName("disposition")] Dictionary<string, int>? Disposition,
    [property: JsonPropertyName("tags")] Dictionary<string, string>? Tags,
    [property: JsonPropertyName("side_data_list")] IReadOnlyList<Dictionary<string, JsonElement>>? SideData);