using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Recreation.Cli.Tests.Hostile;

/// <summary>
/// One case of the malicious-input corpus, read from <c>Hostile/Cases/NAME.yaml</c> (the format is
/// described in <c>Hostile/README.md</c>): what to build in a fresh folder, the <c>recreate</c>
/// command line to run there, and what must come out.
/// </summary>
public sealed class HostileCase
{
    /// <summary>What the case attacks and what must hold, in one sentence.</summary>
    public string About { get; set; } = "";

    /// <summary>Text files written into the case folder before the run (path relative to it → content).</summary>
    public Dictionary<string, string> Files { get; set; } = [];

    /// <summary>Generated inputs, one maker call per item (<c>NAME ARG…</c>, see <see cref="HostileMakers"/>).</summary>
    public List<string> Make { get; set; } = [];

    /// <summary>A loopback server to start first (<see cref="HostileServers"/>); <c>{server}</c> is its base URL.</summary>
    public string? Server { get; set; }

    /// <summary>Extra environment variables for the child (values may use the placeholders).</summary>
    public Dictionary<string, string> Env { get; set; } = [];

    /// <summary>The arguments after <c>recreate</c>.</summary>
    public List<string> Run { get; set; } = [];

    public int Exit { get; set; }

    /// <summary>Texts that stdout + stderr must each contain.</summary>
    public List<string> Output { get; set; } = [];

    /// <summary>Texts that stdout + stderr must not contain.</summary>
    public List<string> NotOutput { get; set; } = [];

    /// <summary>Paths (files or folders, relative to the case folder) the command may create or change.</summary>
    public List<string> Writes { get; set; } = [];

    /// <summary>Seconds after which the run counts as hung (killed, case failed).</summary>
    public int Timeout { get; set; } = 60;

    /// <summary>Seconds after which SIGINT is sent to the child (Ctrl+C), or 0 for never.</summary>
    public double InterruptAfter { get; set; }

    /// <summary>The child's peak resident set must stay under this many MiB.</summary>
    public int MemoryMb { get; set; } = 300;

    /// <summary>Why the case fails on today's code: it is ignored (not run) until that is fixed.</summary>
    public string? Pending { get; set; }

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static HostileCase Load(string path)
    {
        var hostile = Reader.Deserialize<HostileCase>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"{path} is empty");
        if (hostile.Run.Count == 0 || hostile.About.Length == 0)
        {
            throw new InvalidOperationException($"{path}: a case needs 'about' and 'run'");
        }

        return hostile;
    }
}