using System.CommandLine;
using System.Globalization;

using Recreation.Core;

using Spectre.Console;

namespace Recreation.Cli.Commands;

internal static class ProfilesCommand
{
    public static Command Create(CliConsole console)
    {
        var profiles = CommonOptions.Profiles();
        var command = new Command("profiles", "List the model profiles: backends, allowed clip lengths, sizes with their price per second, prompt limit, input images.")
        {
            profiles,
        };
        command.SetAction(parse =>
        {
            var catalog = CommonOptions.Catalog(parse.GetValue(profiles));
            var table = new Table().AddColumns("profile", "backends", "seconds", "sizes (USD per second)", "prompt limit", "input image", "description");
            foreach (var p in catalog.All)
            {
                var backends = string.Join(", ", p.Backends.Select(b => b.ToString().ToLowerInvariant()).Append("placeholder"));
                var sizes = string.Join(", ", p.Sizes.Select(s => $"{s.Size} ${s.UsdPerSecond.ToString("0.00", CultureInfo.InvariantCulture)}"));
                table.AddRow(
                    Markup.Escape(p.Name),
                    backends,
                    string.Join("/", p.Seconds),
                    sizes,
                    p.PromptLimit.ToString(CultureInfo.InvariantCulture),
                    p.AcceptsInputImage ? "yes" : "no",
                    Markup.Escape(p.Description));
            }

            console.Out.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}