namespace Recreation.Media;
internal static class AssemblyMarker;
