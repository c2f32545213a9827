namespace Recreation.Generation.Describing;

/// <summary>One shot to describe: where it is in the video, and its keyframes (first, middle, last) as JPEG bytes.</summary>
/// <param name="Number">The shot's number (1-based).</param>
/// <param name="Count">How many shots the video has.</param>
/// <param name="Seconds">How long the shot lasts.</param>
/// <param name="Camera">The measured camera movement (static, pan, tilt, zoom, handheld).</param>
/// <param name="Keyframes">JPEG images, each at most <see cref="DescribeOptions.ImageMaxBytes"/>.</param>
/// <param name="KnownCharacters">People named in earlier shots, so the model reuses a name for the same person.</param>
public sealed record ShotDescriptionRequest(
    int Number,
    int Count,
    double Seconds,
    string Camera,
    IReadOnlyList<byte[]> Keyframes,
    IReadOnlyList<ShotCharacter> KnownCharacters);