using Spectre.Console;

namespace Recreation.Cli;

/// <summary>
/// Where the command line writes: <see cref="Out"/> for results (tables, JSON), <see cref="Error"/>
/// for problems and warnings. Tests pass writers of their own.
/// </summary>
public sealed class CliConsole
{
    /// <param name="input">Where answers to questions come from; null when no one can answer (stdin redirected), so nothing ever waits for one.</param>
    public CliConsole(TextWriter output, TextWriter error, bool interactive, TextReader? input = null)
    {
        Output = output;
        Error = error;
        Interactive = interactive;
        Input = input;
        Out = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Redirected output has no terminal width; keep tables from wrapping into nonsense.
            Out.Profile.Width = 200;
        }
    }

    public IAnsiConsole Out { get; }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public bool Interactive { get; }

    /// <summary>A person at a keyboard, or null: a redirected stdin never blocks a command.</summary>
    public TextReader? Input { get; }

    public static CliConsole Standard() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected && !Console.IsErrorRedirected, Console.IsInputRedirected ? null : Console.In);
}