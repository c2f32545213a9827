namespace Recreation.Core.Profiles;

/// <summary>The JSON type a model takes its clip length as.</summary>
public enum DurationType
{
    /// <summary>A JSON number: <c>5</c>.</summary>
    Number,

    /// <summary>JSON text: <c>"5"</c>, or <c>"5s"</c> with a suffix.</summary>
    String,
}