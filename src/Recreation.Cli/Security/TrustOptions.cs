using System.CommandLine;

using Recreation.Core.Security;

namespace Recreation.Cli.Security;

/// <summary>
/// The command-line allowances a verb takes: <c>--allow-input DIR</c> on every verb that reads a
/// scene file, and on verbs that send to a backend also <c>--allow-base-url URL</c>,
/// <c>--allow-key-env NAME</c> and <c>--allow-http</c>; <c>analyze --describe</c>, which reads no
/// scene, only <c>--allow-http</c>. Each is the user's own say, like a setting.
/// </summary>
internal sealed class TrustOptions
{
    private readonly Option<string[]> _input = new("--allow-input")
    {
        Description = "Let the scene read input files (reference images, music) from this folder too, besides its own folder (repeatable; setting Security:AllowedInputFolders).",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string[]>? _baseUrl;
    private readonly Option<string[]>? _keyEnv;
    private readonly Option<bool>? _http;

    private readonly bool _inputs = true;

    private TrustOptions(bool endpoints, bool httpOnly = false)
    {
        if (httpOnly)
        {
            _inputs = false;
            _http = NewHttpOption();
            return;
        }

        if (!endpoints)
        {
            return;
        }

        _baseUrl = new("--allow-base-url")
        {
            Description = "Let the scene's target.base_url point at this service (its origin: scheme, host, port; repeatable; setting Security:AllowedBaseUrls).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        _keyEnv = new("--allow-key-env")
        {
            Description = "Let the scene's target.api_key_env name this environment variable (repeatable; setting Security:AllowedKeyVariables).",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        _http = NewHttpOption();
    }

    /// <summary>Only <c>--allow-input</c>: for verbs that read a scene but send nothing.</summary>
    public static TrustOptions ForInputs(Command command) => new TrustOptions(endpoints: false).AddTo(command);

    /// <summary>All four allowances: for verbs that may send to a backend.</summary>
    public static TrustOptions ForEndpoints(Command command) => new TrustOptions(endpoints: true).AddTo(command);

    /// <summary>Only <c>--allow-http</c>: for verbs that send to a server the user's settings name, with no scene to read (<c>analyze --describe</c>).</summary>
    public static TrustOptions ForHttp(Command command) => new TrustOptions(endpoints: false, httpOnly: true).AddTo(command);

    /// <summary>The user's settings (<see cref="Services.Configuration"/>) with this command line's allowances added.</summary>
    public SecuritySettings Read(ParseResult parse) => SecuritySettingsReader.Read(Services.Configuration(), new CliAllowances(
        _baseUrl is null ? [] : parse.GetValue(_baseUrl) ?? [],
        _keyEnv is null ? [] : parse.GetValue(_keyEnv) ?? [],
        _http is not null && parse.GetValue(_http),
        _inputs ? parse.GetValue(_input) ?? [] : []));

    private static Option<bool> NewHttpOption() =>
        new("--allow-http") { Description = "Allow a plain http:// base URL to another machine (setting Security:AllowInsecureHttp); http:// to this machine is always allowed." };

    private TrustOptions AddTo(Command command)
    {
        if (_inputs)
        {
            command.Options.Add(_input);
        }

        foreach (var option in new Option?[] { _baseUrl, _keyEnv, _http }.OfType<Option>())
        {
            command.Options.Add(option);
        }

        return this;
    }
}