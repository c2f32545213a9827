using System.CommandLine;

using Recreation.Cli.Security;
using Recreation.Core;

namespace Recreation.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create(CliConsole console)
    {
        var scene = CommonOptions.Scene();
        var profiles = CommonOptions.Profiles();
        var command = new Command("validate", "Check a scene file: every problem at once as file:line:column: path: message, plus warnings (lint) about what tends to waste paid generations. Writes nothing.")
        {
            scene,
            profiles,
        };
        var trust = TrustOptions.ForInputs(command);
        command.SetAction(parse =>
        {
            var compiled = CommonOptions.Compile(parse.GetValue(scene)!, parse.GetValue(profiles), trust.Read(parse));
            foreach (var warning in compiled.Warnings)
            {
                console.Error.WriteLine(warning);
            }

            var clips = compiled.Plan.Clips.Count();
            var warnings = compiled.Warnings.Count == 0 ? "" : $", {compiled.Warnings.Count} warning(s)";
            console.Output.WriteLine($"ok: {compiled.File.SourcePath}: {compiled.File.Scenes.Count} scene(s), {clips} clip(s){warnings}");
            return ExitCodes.Success;
        });
        return command;
    }
}