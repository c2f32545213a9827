using System.Text.Json.Serialization;

namespace Recreation.Media.Probing;

/// <summary>Source-generated JSON metadata for ffprobe's output (no reflection at run time).</summary>
[JsonSerializable(typeof(FFprobeOutput))]
internal sealed partial class FFprobeJsonContext : JsonSerializerContext;