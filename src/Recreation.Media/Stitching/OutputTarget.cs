namespace Recreation.Media.Stitching;

/// <summary>The finished file a stitch writes: its path, size, rate, loudness target (null: none) and finishing.</summary>
internal sealed record OutputTarget(string Path, int Width, int Height, Rational Fps, double? LoudnessLufs, Finishing Finishing);