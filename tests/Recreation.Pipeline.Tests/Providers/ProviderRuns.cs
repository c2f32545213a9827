using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Configuration;

using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Validation;
using Recreation.Pipeline.Running;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Providers;

/// <summary>
/// What the end-to-end provider specs share: the user's settings as the CLI builds them, an
/// orchestrator on the built-in registry, the check of the finished film, the shape of a JSON body,
/// and the README's profile blocks (so the README shows what runs).
/// </summary>
internal static class ProviderRuns
{
    private const string ProfileHeading = "### Add a model in five lines of YAML";
    private const string YamlFence = "```yaml\n";

    public static FFmpegRunner Runner { get; } = new();

    /// <summary>
    /// The user's settings as the CLI builds them: the provider's <paramref name="section"/> (its base
    /// URL, short polls and backoffs for the test, and any <paramref name="extra"/> settings, given
    /// with their section) and the key in the environment.
    /// </summary>
    public static ProviderSettings Settings(string section, Uri baseUrl, (string Name, string Value) key, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            [$"{section}:BaseUrl"] = baseUrl.ToString(),
            [$"{section}:PollInterval"] = "00:00:00.020",
            [$"{section}:RetryBaseDelay"] = "00:00:00.010",
            [$"{section}:RetryMaxDelay"] = "00:00:00.200",
            [$"{section}:MaxRetryAfter"] = "00:00:00.200",
            [$"{section}:MaxRetryAttempts"] = "10",
            [$"{section}:RequestTimeout"] = "00:00:20",
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            values[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ProviderSettings(configuration, name => name == key.Name ? key.Value : null);
    }

    public static RunOrchestrator Orchestrator(ProviderSettings settings) =>
        new(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(Runner), settings));

    /// <summary>The film at <c>out/film.mp4</c> decodes in full and lasts at least <paramref name="minimum"/>.</summary>
    public static async Task AssertValidAsync(TempDirectory temp, TimeSpan minimum, CancellationToken cancellationToken)
    {
        var check = await new MediaValidator(Runner).ValidateAsync(new MediaValidationRequest(temp.File("out/film.mp4")) { Decode = DecodeCheck.Full, MinimumDuration = minimum }, cancellationToken);
        Assert.That(check.IsValid, check.ToString());
    }

    /// <summary>Each field with its JSON type, e.g. <c>duration:Number</c>.</summary>
    public static IEnumerable<string> Shape(JsonObject input) =>
        input.Select(p => $"{p.Key}:{p.Value?.GetValueKind() ?? JsonValueKind.Null}");

    /// <summary>
    /// The <paramref name="block"/>th YAML block (from 1) of the README's "Add a model in five lines
    /// of YAML" after the first <paramref name="after"/> in it (from the heading when empty).
    /// </summary>
    public static string ReadmeProfile(string after = "", int block = 1)
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Recreation.sln")))
        {
            folder = folder.Parent;
        }

        var readme = File.ReadAllText(Path.Combine(folder!.FullName, "README.md"));
        var section = readme[readme.IndexOf(ProfileHeading, StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n### ", ProfileHeading.Length, StringComparison.Ordinal)];
        var start = section.IndexOf(after, StringComparison.Ordinal);
        for (var i = 0; i < block; i++)
        {
            start = section.IndexOf(YamlFence, start, StringComparison.Ordinal) + YamlFence.Length;
        }

        return section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
    }
}