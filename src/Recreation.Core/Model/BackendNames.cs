namespace Recreation.Core.Model;

/// <summary>The backends' names as written in scene files, profiles and on the command line.</summary>
public static class BackendNames
{
    public static IReadOnlyDictionary<string, Backend> All { get; } = new Dictionary<string, Backend>(StringComparer.OrdinalIgnoreCase)
    {
        ["placeholder"] = Backend.Placeholder,
        ["openai"] = Backend.OpenAI,
        ["manual"] = Backend.Manual,
    };

    public static string Name(Backend backend) => All.First(pair => pair.Value == backend).Key;
}