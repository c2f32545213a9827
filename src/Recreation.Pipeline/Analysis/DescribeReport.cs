using Recreation.Generation.Describing;

namespace Recreation.Pipeline.Analysis;

/// <summary>What <c>analyze --describe</c> got for one video: each shot's outcome by shot number, and what it cost.</summary>
public sealed record DescribeReport(string Model, IReadOnlyDictionary<int, DescribeOutcome> Outcomes, ChatUsage Usage)
{
    /// <summary>The descriptions that came back, by shot number.</summary>
    public IReadOnlyDictionary<int, ShotDescription> Descriptions =>
        Outcomes.Where(o => o.Value.Description is not null).ToDictionary(o => o.Key, o => o.Value.Description!);

    /// <summary>True when describing stopped early (a refused key, an unknown model).</summary>
    public bool Stopped => Outcomes.Values.Any(o => o.IsFatal);
}