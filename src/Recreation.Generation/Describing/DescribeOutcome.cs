namespace Recreation.Generation.Describing;

/// <summary>
/// The answer for one shot: a <see cref="Description"/>, or a <see cref="Warning"/> saying why there
/// is none (a refusal, an answer cut short, malformed or over the size cap, an error from the server);
/// <see cref="Usage"/> counts what it cost either way. <see cref="IsFatal"/>: no other shot can
/// succeed either (a refused key, an unknown model), so describing stops.
/// </summary>
public sealed record DescribeOutcome(ShotDescription? Description, string? Warning, ChatUsage Usage, bool IsFatal = false);