using Recreation.Cli;

return await CliApp.RunAsync(args, CliConsole.Standard());
