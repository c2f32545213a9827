using Recreation.Testing;

namespace Recreation.Media.Tests;

internal static class SharedMediaFolder
{
    /// <summary>The shared real-world clips' folder; the test is ignored (not failed) where it is missing.</summary>
    public static string OrIgnore()
    {
        if (RepoPaths.SharedMedia is { } folder)
        {
            return folder;
        }

        Assert.Ignore("The shared real-world clips (../shared/media beside the repository) are not here.");
        return string.Empty; // not reached: Assert.Ignore throws
    }
}