using System.Buffers;

namespace Recreation.Media.Processes;

/// <summary>Formats a command line for people (messages, logs), quoted as a POSIX shell reads it. Never executed.</summary>
internal static class CommandLineDisplay
{
    private static readonly SearchValues<char> Plain =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=/.,:@%^");

    public static string Format(string executable, IReadOnlyList<string> arguments)
    {
        return string.Join(' ', arguments.Prepend(executable).Select(Quote));
    }

    public static string Quote(string argument)
    {
        if (argument.Length > 0 && !argument.AsSpan().ContainsAnyExcept(Plain))
        {
            return argument;
        }

        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}