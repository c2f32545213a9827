namespace Recreation.Core.Security;

/// <summary>
/// Paths with every symbolic link resolved, as the operating system would follow them, and the
/// containment checks built on them: a link inside a scene's folder that points elsewhere is
/// judged by where it points.
/// </summary>
public static class RealPaths
{
    /// <summary>Links followed before giving up (the kernel's own limit is 40).</summary>
    private const int MaxLinks = 40;

    /// <summary>
    /// The full path of <paramref name="path"/> with every link in it resolved (POSIX <c>realpath</c>).
    /// Parts that do not exist are kept as written; a loop of links is an <see cref="IOException"/>.
    /// </summary>
    public static string Resolve(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "/";
        var pending = new LinkedList<string>(Split(full[root.Length..]));
        var current = root;
        var links = 0;
        while (pending.First is { } first)
        {
            var part = first.Value;
            pending.RemoveFirst();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Combine(current, part);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                throw new IOException($"Too many symbolic links while resolving {path}.");
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
                target = target[current.Length..];
            }

            foreach (var piece in Split(target).Reverse())
            {
                pending.AddFirst(piece);
            }
        }

        return current;
    }

    /// <summary>Whether <paramref name="path"/> (resolved) is inside <paramref name="folder"/> (resolved), at any depth.</summary>
    public static bool IsInside(string path, string folder)
    {
        var real = Resolve(path);
        var directory = Resolve(folder);
        var prefix = Path.EndsInDirectorySeparator(directory) ? directory : directory + Path.DirectorySeparatorChar;
        return real.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Split(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}