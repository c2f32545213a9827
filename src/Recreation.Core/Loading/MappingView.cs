using YamlDotNet.RepresentationModel;

namespace Recreation.Core.Loading;

/// <summary>A YAML mapping being read: its values by key, and a way to report a missing key.</summary>
internal sealed class MappingView
{
    private readonly YamlReader _reader;
    private readonly Dictionary<string, YamlNode> _values;

    public MappingView(YamlReader reader, YamlMappingNode node, string path, List<(string Key, YamlNode KeyNode)> keys, Dictionary<string, YamlNode> values)
    {
        _reader = reader;
        Node = node;
        Path = path;
        Keys = keys;
        _values = values;
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    /// <summary>The keys in file order, with the node of each key (for positions).</summary>
    public List<(string Key, YamlNode KeyNode)> Keys { get; }

    public YamlNode? this[string key] => _values.GetValueOrDefault(key);

    public string At(string key) => YamlReader.Child(Path, key);

    /// <summary>The value of a key that must be present and not null; reports it at the mapping when missing.</summary>
    public YamlNode? Required(string key)
    {
        var value = this[key];
        if (YamlReader.IsNull(value))
        {
            _reader.Error(value ?? Node, At(key), "is required");
            return null;
        }

        return value;
    }
}