namespace Recreation.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, interactive: false));
        return (code, output.ToString(), error.ToString());
    }
}