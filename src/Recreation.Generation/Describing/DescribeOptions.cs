using System.Globalization;

using Recreation.Generation.Http;

namespace Recreation.Generation.Describing;

/// <summary>
/// How <see cref="ChatDescriber"/> reaches an OpenAI-compatible chat completions server (OpenAI's
/// own, a gateway, or a local server such as Ollama, vLLM or LM Studio) and what it sends. Settings
/// section <c>Describe</c>: <c>RECREATION_Describe__BaseUrl</c>, <c>RECREATION_Describe__Model</c>,
/// <c>RECREATION_Describe__MaxTokens</c>, … (<see cref="DescribeSettings"/>).
/// <see cref="Providers.ProviderOptions.BaseUrl"/> is the API root <em>with</em> its version path, as
/// the OpenAI SDKs take it (<c>https://api.openai.com/v1</c>, <c>http://localhost:11434/v1</c>); the
/// client appends <c>chat/completions</c>.
/// </summary>
public sealed class DescribeOptions : ServiceClientOptions
{
    public const string SectionName = "Describe";

    public const string DefaultRoot = "https://api.openai.com/v1";

    /// <summary>
    /// A guess (December 2026): a small, cheap vision model on OpenAI that takes images, structured
    /// outputs and <c>max_completion_tokens</c>. Any vision model the server has will do; set
    /// <c>RECREATION_Describe__Model</c> (or <c>--model</c>), e.g. <c>qwen2.5vl</c> on Ollama.
    /// </summary>
    public const string DefaultModel = "gpt-4.1-mini";

    public DescribeOptions()
    {
        BaseUrl = DefaultRoot;
        RequestTimeout = TimeSpan.FromSeconds(120);
        MaxRetryAttempts = 4;
    }

    /// <summary>The chat model asked; it must accept images.</summary>
    public string Model { get; set; } = DefaultModel;

    /// <summary>The most tokens one answer may have (<c>max_completion_tokens</c>); the structured answer needs a few hundred.</summary>
    public int MaxTokens { get; set; } = 1000;

    /// <summary>Keyframes are sent as JPEG with their longer side at most this many pixels.</summary>
    public int ImageMaxSide { get; set; } = 512;

    /// <summary>The most bytes one keyframe's JPEG may have; a larger one is made smaller before it is sent.</summary>
    public int ImageMaxBytes { get; set; } = 150 * 1024;

    /// <summary>OpenAI's <c>image_url.detail</c>: <c>low</c> (the default: a fixed, small token cost per image), <c>high</c> or <c>auto</c>.</summary>
    public string ImageDetail { get; set; } = "low";

    /// <summary>The most bytes an answer may have; a longer one is not read and the shot keeps its draft text.</summary>
    public int MaxAnswerBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Where <see cref="Providers.ProviderOptions.ApiKey"/> came from, or why no key is sent, for messages
    /// (never the key). Set by <see cref="DescribeSettings.Resolve"/>; not a setting.
    /// </summary>
    public string KeySource { get; internal set; } = "the options as given";

    /// <summary>A chat server on this machine (Ollama, vLLM, LM Studio) usually takes requests without a key: none is sent then.</summary>
    protected override bool KeyRequired => false;

    protected internal override string ServiceName => "the chat completions server";

    protected internal override string KeyVariable => DescribeSettings.KeyVariable;

    protected internal override string Section => SectionName;

    protected internal override string DefaultBaseUrl => DefaultRoot;

    /// <summary>The base URL includes <c>/v1</c>; what a user may paste by mistake is the endpoint itself.</summary>
    protected override IReadOnlyList<string> VersionPaths { get; } = ["/chat/completions", "/chat"];

    /// <summary>Every problem with these options (the shared ones and the describer's own), each saying what to set.</summary>
    public IReadOnlyList<string> ValidateAll()
    {
        var errors = Validate().ToList();
        if (string.IsNullOrWhiteSpace(Model) || Model.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            errors.Add($"Model '{Model}' is empty or has spaces: set RECREATION_{SectionName}__Model (or --model) to a vision model the server has.");
        }

        Range(errors, nameof(MaxTokens), MaxTokens, 100, 100_000);
        Range(errors, nameof(ImageMaxSide), ImageMaxSide, 64, 4096);
        Range(errors, nameof(ImageMaxBytes), ImageMaxBytes, 8 * 1024, 20 * 1024 * 1024);
        Range(errors, nameof(MaxAnswerBytes), MaxAnswerBytes, 4 * 1024, 16 * 1024 * 1024);
        if (ImageDetail is not ("low" or "high" or "auto"))
        {
            errors.Add($"ImageDetail '{ImageDetail}' must be low, high or auto.");
        }

        return errors;
    }

    private static void Range(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} ({value}) must be from {min} to {max}: set RECREATION_{SectionName}__{name}."));
        }
    }
}