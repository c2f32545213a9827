namespace Recreation.Core.Security;

/// <summary>A file a command reads or writes, with what it is to the user (<c>scene file</c>, <c>output</c>, <c>clip 2</c>), for messages.</summary>
public sealed record NamedFile(string Path, string Role);