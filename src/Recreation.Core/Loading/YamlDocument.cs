using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Loading;

/// <summary>A parsed YAML file: its root node (null when it could not be parsed) and its diagnostics so far.</summary>
public sealed record YamlDocument(YamlNode? Root, DiagnosticBag Diagnostics, string FullPath);