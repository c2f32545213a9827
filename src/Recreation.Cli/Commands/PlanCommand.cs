using System.CommandLine;

using Recreation.Cli.Rendering;
using Recreation.Cli.Security;
using Recreation.Core;
using Recreation.Core.Output;
using Recreation.Core.Security;
using Recreation.Media.Files;

namespace Recreation.Cli.Commands;

internal static class PlanCommand
{
    public static Command Create(CliConsole console)
    {
        var scene = CommonOptions.Scene();
        var profiles = CommonOptions.Profiles();
        var json = new Option<bool>("--json") { Description = "Print the plan as one JSON object (for tools) instead of a table." };
        var prompts = new Option<string?>("--prompts")
        {
            Description = "Also write every clip's full prompt to this Markdown file, one section per clip, ready to paste into a web app.",
        };
        var command = new Command("plan", "Show how each scene is split into clips and why: generated seconds, share of the scene, interactions, people, characters, physics triggers, total seconds and estimated cost.")
        {
            scene,
            profiles,
            json,
            prompts,
        };
        var trust = TrustOptions.ForInputs(command);
        command.SetAction(parse =>
        {
            var compiled = CommonOptions.Compile(parse.GetValue(scene)!, parse.GetValue(profiles), trust.Read(parse));
            if (parse.GetValue(prompts) is { } promptsFile)
            {
                OutputGuard.RefuseInputs([new NamedFile(Path.GetFullPath(promptsFile), "prompts file")], OutputChecks.Inputs(compiled, parse.GetValue(profiles)));
                WritePrompts(promptsFile, PromptSheet.Write(compiled));
            }

            if (parse.GetValue(json))
            {
                console.Output.WriteLine(PlanJson.Write(compiled));
                return ExitCodes.Success;
            }

            foreach (var warning in compiled.Warnings)
            {
                console.Error.WriteLine(warning);
            }

            PlanTable.Render(console.Out, compiled);
            if (parse.GetValue(prompts) is { } written)
            {
                console.Output.WriteLine($"Prompts written to {written}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Whole or not at all; a folder that cannot be written is exit 2 with what to do (see <see cref="AtomicFile"/>).</summary>
    private static void WritePrompts(string path, string markdown) => AtomicFile.WriteAllText(path, markdown);
}