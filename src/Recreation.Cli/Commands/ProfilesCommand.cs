using System.CommandLine;
using System.Globalization;

using Recreation.Core;
using Recreation.Core.Profiles;

using Spectre.Console;

namespace Recreation.Cli.Commands;

internal static class ProfilesCommand
{
    public static Command Create(CliConsole console)
    {
        var profiles = CommonOptions.Profiles();
        var yaml = new Option<bool>("--yaml") { Description = "Print the built-in profiles file (YAML with comments): the format to copy for a --profiles file of your own." };
        var command = new Command("profiles", "List the model profiles: backends, allowed clip lengths, sizes with their price per second, where the prices come from and when they were checked, prompt limit, input images.")
        {
            profiles,
            yaml,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(yaml))
            {
                console.Output.Write(ProfileCatalog.BuiltInYaml());
                return ExitCodes.Success;
            }

            var catalog = CommonOptions.Catalog(parse.GetValue(profiles));
            var table = new Table().AddColumns("profile", "backends", "seconds", "sizes (USD per second)", "price source", "price checked", "prompt limit", "input image", "description");
            foreach (var p in catalog.All)
            {
                var backends = string.Join(", ", p.Backends.Append("placeholder"));
                var sizes = string.Join(", ", p.Sizes.Select(s => $"{s.Size} ${s.UsdPerSecond.ToString("0.00", CultureInfo.InvariantCulture)}"));
                table.AddRow(
                    Markup.Escape(p.Name),
                    backends,
                    string.Join("/", p.Seconds),
                    sizes,
                    Markup.Escape(p.PriceSource ?? "-"),
                    p.PriceChecked?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                    p.PromptLimit.ToString(CultureInfo.InvariantCulture),
                    p.RequiresInputImage ? "required" : p.AcceptsInputImage ? "yes" : "no",
                    Markup.Escape(p.Description));
            }

            console.Out.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}