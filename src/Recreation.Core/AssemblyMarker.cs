namespace Recreation.Core;
internal static class AssemblyMarker;
