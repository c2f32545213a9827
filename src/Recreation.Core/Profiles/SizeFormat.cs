namespace Recreation.Core.Profiles;

/// <summary>How a clip size is written in a model's size field.</summary>
public enum SizeFormat
{
    /// <summary><c>1280x720</c>.</summary>
    WidthXHeight,

    /// <summary><c>1280*720</c> (Wan and Seedance on some hosts).</summary>
    WidthStarHeight,

    /// <summary><c>720p</c>: the shorter side and a <c>p</c>.</summary>
    Resolution,
}