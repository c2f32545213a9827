namespace Recreation.Core.Model;

/// <summary>Words to warn about before anything is spent (real people's names, brands).</summary>
public sealed record LintSettings(ValueList<string> Deny);