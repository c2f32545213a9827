namespace Recreation.Core.Model;

/// <summary>The complexity rules the planner splits scenes by (<c>planning:</c>).</summary>
/// <param name="PhysicsWords">Trigger words per physics kind (fluid, collision, ball_sport), lower case.</param>
public sealed record PlanningSettings(
    decimal MaxClipSeconds,
    int MaxInteractionsPerClip,
    int MaxPeoplePerClip,
    decimal PhysicsMaxClipSeconds,
    IReadOnlyDictionary<string, ValueList<string>> PhysicsWords)
{
    public static PlanningSettings Default { get; } = new(8m, 3, 5, 4m, PhysicsVocabulary.Defaults);
}