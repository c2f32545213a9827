namespace Recreation.Generation;
internal static class AssemblyMarker;
