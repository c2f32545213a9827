namespace Recreation.Testing;

/// <summary>What a <see cref="TmpfsMount"/> is for.</summary>
public enum TmpfsKind
{
    /// <summary>Mounted read-only: every write fails with EROFS, even as root.</summary>
    ReadOnly,

    /// <summary>Filled to the last byte: a file can still be created (no blocks), but not written (ENOSPC).</summary>
    Full,
}