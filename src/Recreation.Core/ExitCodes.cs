namespace Recreation.Core;

/// <summary>The exit codes of the <c>recreate</c> command (DESIGN §8).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int RunFailed = 1;
    public const int InvalidInput = 2;
    public const int RefusedByBudget = 3;
    public const int Cancelled = 130;
}