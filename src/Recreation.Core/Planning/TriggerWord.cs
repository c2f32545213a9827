namespace Recreation.Core.Planning;

/// <summary>Why a scene counts as physics-heavy: the <paramref name="Word"/> found in <paramref name="Source"/> (e.g. <c>interactions[1]</c>), or an explicit <c>physics:</c> entry.</summary>
public sealed record TriggerWord(string Kind, string Word, string Source);