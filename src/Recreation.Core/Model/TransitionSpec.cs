namespace Recreation.Core.Model;

/// <summary>How a scene begins: a cut, or a crossfade / fade through black lasting <see cref="Duration"/> seconds.</summary>
public sealed record TransitionSpec(TransitionKind Kind, decimal Duration)
{
    public static TransitionSpec Cut { get; } = new(TransitionKind.Cut, 0m);

    /// <summary>The duration used when a crossfade or fade-black gives none.</summary>
    public const decimal DefaultDuration = 0.5m;
}