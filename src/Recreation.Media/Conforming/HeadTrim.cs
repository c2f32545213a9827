namespace Recreation.Media.Conforming;

/// <summary>
/// What to cut from the start of a clip before it is conformed: a fixed number of seconds, or
/// <see cref="Auto"/> — a black or frozen opening (as some models and phone exports deliver)
/// found by <see cref="HeadDetector"/>.
/// </summary>
public sealed record HeadTrim
{
    private HeadTrim(TimeSpan? fixedLength) => Fixed = fixedLength;

    /// <summary>Detect a black or frozen opening and cut it.</summary>
    public static HeadTrim Auto { get; } = new((TimeSpan?)null);

    /// <summary>The fixed length to cut, or null for <see cref="Auto"/>.</summary>
    public TimeSpan? Fixed { get; }

    public bool IsAuto => Fixed is null;

    public static HeadTrim Seconds(TimeSpan length) =>
        length >= TimeSpan.Zero ? new HeadTrim(length) : throw new ArgumentOutOfRangeException(nameof(length), length, "A head trim cannot be negative.");

    /// <summary>"auto" or the length in milliseconds (for cache keys and messages).</summary>
    public override string ToString() => Fixed is { } length ? $"{(long)Math.Round(length.TotalMilliseconds)}ms" : "auto";
}