namespace Recreation.Generation.Http;

/// <summary>Reads a provider's <c>profiles.yaml</c>, embedded in this assembly from its folder.</summary>
internal static class EmbeddedProfiles
{
    public static string Read(string provider)
    {
        var name = $"Recreation.Generation.{provider}.profiles.yaml";
        using var stream = typeof(EmbeddedProfiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}