namespace Recreation.Media.Comparing;

/// <summary>
/// One stretch of a side-by-side video: a part of the reference beside a part of the other video,
/// both shown for the longer of the two lengths (the shorter holds its last frame), each labelled.
/// </summary>
public sealed record SideBySideSegment(TimeSpan LeftStart, TimeSpan LeftEnd, TimeSpan RightStart, TimeSpan RightEnd, string LeftLabel, string RightLabel)
{
    public TimeSpan Length => LeftEnd - LeftStart > RightEnd - RightStart ? LeftEnd - LeftStart : RightEnd - RightStart;
}