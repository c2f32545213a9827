using Recreation.Core.Diagnostics;
using Recreation.Core.Files;
using Recreation.Core.Loading;
using Recreation.Core.Model;

using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Batch;

/// <summary>
/// Reads a batch file (version 1: <c>items:</c>, each a scene file or folder with overrides of
/// target, output and budget) the way scene files are read: every problem at once, each as
/// <c>file:line:column: path: message</c>. Paths are relative to the batch file.
/// </summary>
public static class BatchFileReader
{
    /// <param name="backends">The backend names an item's <c>target.backend</c> may be (the provider registry's); null: <see cref="KnownBackends.BuiltIn"/>.</param>
    /// <exception cref="InvalidInputException">The file is missing or invalid (exit code 2); every error is listed.</exception>
    public static BatchFile Load(string path, KnownBackends? backends = null)
    {
        var document = YamlDocumentLoader.Load(path);
        if (document.Root is null)
        {
            throw new InvalidInputException(document.Diagnostics.Items);
        }

        var batch = Read(new YamlReader(document.Diagnostics), document.Root, document.FullPath, backends ?? KnownBackends.BuiltIn);
        if (batch is null || document.Diagnostics.HasErrors)
        {
            throw new InvalidInputException(document.Diagnostics.Items);
        }

        return batch;
    }

    /// <summary>True when the YAML file at <paramref name="path"/> is a batch file (its top level has <c>items:</c>) rather than a scene file.</summary>
    public static bool IsBatchFile(string path) => TopLevelKeys(path).Contains("items");

    /// <summary>True when the YAML file at <paramref name="path"/> looks like a scene file (its top level has <c>scenes:</c>).</summary>
    public static bool IsSceneFile(string path) => TopLevelKeys(path).Contains("scenes");

    /// <summary>
    /// The top-level keys of a YAML file, read the way scene files are (a regular file under the YAML
    /// size limit, nesting checked before parsing); anything else has none, and loading it as a scene
    /// file says why.
    /// </summary>
    private static HashSet<string> TopLevelKeys(string path)
    {
        if (!InputFiles.IsReadableFile(path))
        {
            return [];
        }

        string text;
        try
        {
            text = InputFiles.ReadText(path, InputFiles.MaxYamlBytes);
        }
        catch (InvalidInputException)
        {
            return [];
        }

        return YamlDocumentLoader.Parse(text, path).Root is YamlMappingNode map
            ? map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToHashSet(StringComparer.Ordinal)
            : [];
    }

    private static BatchFile? Read(YamlReader r, YamlNode root, string fullPath, KnownBackends backends)
    {
        var map = r.Mapping(root, "", BatchKeys.Root);
        if (map is null)
        {
            return null;
        }

        var version = r.Integer(map.Required("version"), "version");
        if (version is not null and not 1)
        {
            r.Error(map["version"]!, "version", $"must be 1, the only batch file version this tool reads (found {version})");
        }

        var maxCost = NonNegative(r, map["max_cost_usd"], "max_cost_usd");
        var folder = Path.GetDirectoryName(fullPath)!;
        var items = new List<BatchItem>();
        var list = r.Sequence(map.Required("items"), "items");
        if (list is { Count: 0 })
        {
            r.Error(map["items"]!, "items", "lists no items; name at least one scene file or folder");
        }

        foreach (var (node, itemPath) in list ?? [])
        {
            items.AddRange(ReadItem(r, node, itemPath, folder, backends));
        }

        return new BatchFile(fullPath, items, maxCost);
    }

    private static IEnumerable<BatchItem> ReadItem(YamlReader r, YamlNode node, string path, string folder, KnownBackends backends)
    {
        if (node is YamlScalarNode)
        {
            // The short form: just the scene file or folder.
            return Scenes(r, node, path, r.String(node, path), folder, null);
        }

        var map = r.Mapping(node, path, BatchKeys.Item);
        if (map is null)
        {
            if (YamlReader.IsNull(node))
            {
                r.Error(node, path, "is empty; name a scene file or folder (scene: FILE)");
            }

            return [];
        }

        var sceneNode = map.Required("scene");
        var id = r.String(map["id"], map.At("id"));
        if (id is not null && string.IsNullOrWhiteSpace(id))
        {
            r.Error(map["id"]!, map.At("id"), "must not be empty");
        }

        var output = r.String(map["output"], map.At("output"));
        var targetMap = r.Mapping(map["target"], map.At("target"), BatchKeys.Target);
        var backend = Backend(r, targetMap?["backend"], map.At("target") + ".backend", backends);
        var concurrency = r.Integer(targetMap?["concurrency"], map.At("target") + ".concurrency");
        if (concurrency is < 1 or > 32)
        {
            r.Error(targetMap!["concurrency"]!, map.At("target") + ".concurrency", "must be between 1 and 32");
        }

        var maxCost = NonNegative(r, targetMap?["max_cost_usd"], map.At("target") + ".max_cost_usd");
        var overrides = new BatchItem("", "", output is null ? null : Path.GetFullPath(Path.Combine(folder, output)), backend, concurrency, maxCost);
        var scenes = Scenes(r, sceneNode, map.At("scene"), r.String(sceneNode, map.At("scene")), folder, overrides).ToList();
        if (scenes.Count > 1 && (id is not null || output is not null))
        {
            r.Error(map["id"] ?? map["output"]!, id is not null ? map.At("id") : map.At("output"), "names one item, but scene: is a folder of several scene files; list them one by one to give each its own id or output");
        }

        return scenes.Count == 1 && id is not null ? [scenes[0] with { Id = id }] : scenes;
    }

    private static IEnumerable<BatchItem> Scenes(YamlReader r, YamlNode? node, string path, string? relative, string folder, BatchItem? overrides)
    {
        if (node is null || relative is null)
        {
            return [];
        }

        var full = Path.GetFullPath(Path.Combine(folder, relative));
        var source = $"{r.Diagnostics.Map.File}:{node.Start.Line}:{node.Start.Column}";
        IReadOnlyList<string> files;
        if (Directory.Exists(full))
        {
            files = BatchItems.SceneFilesIn(full);
            if (files.Count == 0)
            {
                r.Error(node, path, $"the folder '{relative}' holds no scene files (.yaml or .yml with scenes:)");
            }
        }
        else if (File.Exists(full))
        {
            files = [full];
        }
        else
        {
            r.Error(node, path, $"'{relative}' does not exist (paths are relative to the batch file)");
            return [];
        }

        var template = overrides ?? new BatchItem("", "");
        return files.Select(f => template with { Id = BatchItems.IdFor(f, folder), ScenePath = f, Source = source }).ToList();
    }

    /// <summary>An item's <c>target.backend</c>: one of the registered providers' names, as registered.</summary>
    private static string? Backend(YamlReader r, YamlNode? node, string path, KnownBackends backends)
    {
        var text = r.String(node, path);
        if (text is null)
        {
            return null;
        }

        if (backends.Find(text) is { } name)
        {
            return name;
        }

        r.Error(node!, path, $"must be one of {string.Join(" | ", backends.Names)}, not '{text}'{Suggestions.Hint(text, backends.Names)}");
        return null;
    }

    private static decimal? NonNegative(YamlReader r, YamlNode? node, string path)
    {
        var value = r.Number(node, path);
        if (value < 0)
        {
            r.Error(node!, path, "must be >= 0 (USD)");
            return null;
        }

        return value;
    }
}