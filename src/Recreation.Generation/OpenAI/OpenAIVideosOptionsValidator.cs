using Microsoft.Extensions.Options;

namespace Recreation.Generation.OpenAI;

/// <summary>Runs <see cref="OpenAIVideosOptions.Validate"/> for the options system (with ValidateOnStart, at host start).</summary>
internal sealed class OpenAIVideosOptionsValidator : IValidateOptions<OpenAIVideosOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAIVideosOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}