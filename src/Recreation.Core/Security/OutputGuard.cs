using Recreation.Core.Model;

namespace Recreation.Core.Security;

/// <summary>
/// Outputs never overwrite inputs: before a command writes anything, each file it will write is
/// compared with each file it reads — the same path once links are resolved, or the same file
/// (device and inode: a hard link counts) — and a match is refused with exit 2.
/// </summary>
public static class OutputGuard
{
    /// <summary>Throws (exit 2, nothing written) when any of <paramref name="outputs"/> is the same file as any of <paramref name="inputs"/>.</summary>
    /// <exception cref="RecreationException">An output is an input.</exception>
    public static void RefuseInputs(IEnumerable<NamedFile> outputs, IEnumerable<NamedFile> inputs)
    {
        var reads = inputs.ToList();
        foreach (var output in outputs)
        {
            foreach (var input in reads)
            {
                if (!FileIdentity.Same(output.Path, input.Path))
                {
                    continue;
                }

                var how = string.Equals(RealPaths.Resolve(output.Path), RealPaths.Resolve(input.Path), StringComparison.Ordinal)
                    ? "the same file as"
                    : "a hard link to";
                throw new RecreationException(
                    $"The {output.Role} {output.Path} is {how} the {input.Role} {input.Path}: writing it would destroy that input. Nothing was written; choose another path for the {output.Role}.",
                    ExitCodes.InvalidInput, isFatal: true);
            }
        }
    }

    /// <summary>The files a compiled scene reads: the scene file itself, every reference image and the music.</summary>
    public static IReadOnlyList<NamedFile> InputsOf(CompiledScene scene)
    {
        var file = scene.File;
        var inputs = new List<NamedFile> { new(Path.GetFullPath(file.SourcePath), "scene file") };
        inputs.AddRange(file.Scenes.Where(s => s.ReferenceImage is not null).Select(s => new NamedFile(s.ReferenceImage!, $"reference image of scene '{s.Id}'")));
        if (file.Output.Music is { } music)
        {
            inputs.Add(new NamedFile(music.Path, "music"));
        }

        return inputs;
    }

    /// <summary>The files a run of <paramref name="scene"/> writes at <paramref name="outputPath"/>: the video, its captions sidecar and its chapter list when it has them.</summary>
    public static IReadOnlyList<NamedFile> OutputsOf(CompiledScene scene, string outputPath)
    {
        var outputs = new List<NamedFile> { new(Path.GetFullPath(outputPath), "output") };
        if (scene.File.Output.Captions == Captions.Srt)
        {
            outputs.Add(new NamedFile(Path.ChangeExtension(Path.GetFullPath(outputPath), ".srt"), "captions sidecar"));
        }

        if (scene.File.Scenes.Count > 1)
        {
            outputs.Add(new NamedFile(Path.ChangeExtension(Path.GetFullPath(outputPath), ".chapters.txt"), "chapter list"));
        }

        return outputs;
    }
}