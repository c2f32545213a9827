namespace Recreation.Pipeline.Running;

/// <summary>The phases a progress display shows.</summary>
public enum RunPhase
{
    Generate,
    Conform,
    Stitch,
}

/// <summary>Progress of one item (a clip, or the stitch) in one phase; <see cref="Fraction"/> is 0..1.</summary>
public sealed record RunEvent(RunPhase Phase, string Item, double Fraction, string? Status = null)
{
    /// <summary>What the clip cost when its generation ended with this event (a paid job completed), else 0.</summary>
    public decimal SpentUsd { get; init; }
}