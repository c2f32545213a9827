namespace Recreation.Core.Model;

/// <summary>The physics trigger kinds and their default words (whole words, case-insensitive).</summary>
public static class PhysicsVocabulary
{
    public const string Fluid = "fluid";
    public const string Collision = "collision";
    public const string BallSport = "ball_sport";
    public const string RapidCamera = "rapid_camera";

    /// <summary>Every kind a scene may list under <c>physics:</c>.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Fluid, Collision, BallSport, RapidCamera];

    /// <summary>The kinds found from words (rapid_camera comes from the camera instead).</summary>
    public static IReadOnlyList<string> WordKinds { get; } = [Fluid, Collision, BallSport];

    public static IReadOnlyDictionary<string, ValueList<string>> Defaults { get; } = new Dictionary<string, ValueList<string>>
    {
        [Fluid] = new[] { "pour", "pours", "pouring", "poured", "splash", "splashes", "splashing", "spill", "spills", "spilling", "water", "liquid", "wave", "waves", "rain" },
        [Collision] = new[] { "crash", "crashes", "collide", "collides", "collision", "explode", "explodes", "explosion", "shatter", "shatters" },
        [BallSport] = new[] { "ball", "kick", "kicks", "dribble", "dribbles", "throw", "throws", "soccer", "football", "basketball", "tennis" },
    };
}