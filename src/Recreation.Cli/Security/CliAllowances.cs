namespace Recreation.Cli.Security;

/// <summary>What the command line allows on top of the user's settings (<c>--allow-base-url</c>, <c>--allow-key-env</c>, <c>--allow-http</c>, <c>--allow-input</c>).</summary>
internal sealed record CliAllowances(
    IReadOnlyList<string> BaseUrls,
    IReadOnlyList<string> KeyVariables,
    bool InsecureHttp,
    IReadOnlyList<string> InputFolders)
{
    public static CliAllowances None { get; } = new([], [], false, []);
}