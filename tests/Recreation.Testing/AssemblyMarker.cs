namespace Recreation.Testing;
internal static class AssemblyMarker;
