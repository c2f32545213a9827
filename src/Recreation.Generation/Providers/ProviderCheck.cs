namespace Recreation.Generation.Providers;

/// <summary>One line of <c>recreate doctor</c> about a provider: what was checked, whether it passed, and what was found or what to do. Never holds a key.</summary>
public sealed record ProviderCheck(string Check, bool Passed, string Detail)
{
    public static ProviderCheck Pass(string check, string detail) => new(check, true, detail);

    public static ProviderCheck Fail(string check, string detail) => new(check, false, detail);
}