namespace Recreation.Core.Model;

/// <summary><c>output.fade</c>: seconds of fade from black at the start and to black at the end (picture and sound); 0 for none.</summary>
public sealed record FadeSettings(decimal In, decimal Out);

/// <summary><c>output.trim_head</c>: cut a fixed number of seconds from every clip's start, or (<see cref="IsAuto"/>) a detected black or frozen opening.</summary>
public sealed record TrimHeadSetting(decimal? Seconds)
{
    public static TrimHeadSetting Auto { get; } = new((decimal?)null);

    public bool IsAuto => Seconds is null;
}