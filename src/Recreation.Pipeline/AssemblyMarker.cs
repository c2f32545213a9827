namespace Recreation.Pipeline;
internal static class AssemblyMarker;
