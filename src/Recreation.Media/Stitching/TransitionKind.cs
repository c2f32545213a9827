namespace Recreation.Media.Stitching;

public enum TransitionKind
{
    /// <summary>The next clip starts right after the previous one.</summary>
    Cut,

    /// <summary>Picture and sound blend from one clip into the next over the duration.</summary>
    Crossfade,

    /// <summary>The picture fades to black and back up; the sound fades out over the first half and in over the second.</summary>
    FadeBlack,
}