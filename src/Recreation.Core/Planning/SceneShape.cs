namespace Recreation.Core.Planning;

/// <summary>What the first three planning rules decide for a scene, before lengths are chosen.</summary>
public sealed record SceneShape(List<TriggerWord> Triggers, string[] Kinds, long MaxClipMs, List<SplitReason> Splits, int ClipCount);