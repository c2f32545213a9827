namespace Recreation.Core.Profiles;

/// <summary>
/// The field a model takes its clip length in. The allowed values are the profile's <c>seconds</c>;
/// the value is sent as a JSON number (<c>5</c>) or as text (<c>"5"</c>), with <paramref name="Suffix"/>
/// after it when the model wants units (<c>"8s"</c>).
/// </summary>
public sealed record DurationInput(string Field, DurationType Type, string Suffix);