namespace Recreation.Media.Processes;

/// <summary>
/// Outputs are written under a hidden temp name beside the target (".name.partial.ext", same
/// folder so the rename is atomic) and renamed into place only when complete and checked: the
/// target path never holds a half-written file.
/// </summary>
internal static class PartialFile
{
    public static string PathFor(string target)
    {
        var full = Path.GetFullPath(target);
        var directory = Path.GetDirectoryName(full) ?? ".";
        return Path.Combine(directory, "." + Path.GetFileNameWithoutExtension(full) + ".partial" + Path.GetExtension(full));
    }

    public static void Commit(string partial, string target)
    {
        File.Move(partial, Path.GetFullPath(target), overwrite: true);
    }

    /// <summary>Deletes a file if it exists; a failure to delete a temp file is ignored on purpose (it never has the final name).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is untidy, not wrong.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }
}