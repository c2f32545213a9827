using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Generation;
using Recreation.Generation.Placeholder;
using Recreation.Media;
using Recreation.Pipeline.Manual;
using Recreation.Pipeline.Running;

using Serilog;
using Serilog.Events;

namespace Recreation.Cli;

/// <summary>
/// The Generic Host behind the verbs that do work: configuration (appsettings.json beside the
/// tool, then RECREATION_-prefixed environment variables, e.g. RECREATION_Media__FfmpegPath),
/// dependency injection and Serilog (warnings to the console, everything to the run's log file).
/// </summary>
internal static class Services
{
    public static IHost Build(string? logFile, bool verbose)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables("RECREATION_");

        var logger = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Console(
                restrictedToMinimumLevel: verbose ? LogEventLevel.Debug : LogEventLevel.Warning,
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "{Level:u3}: {Message:lj}{NewLine}{Exception}");
        if (logFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
            logger = logger.WriteTo.File(logFile, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}");
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger.CreateLogger(), dispose: true);

        var media = builder.Configuration.GetSection("Media");
        var options = new MediaToolsOptions
        {
            FfmpegPath = NullIfEmpty(media["FfmpegPath"]),
            FfprobePath = NullIfEmpty(media["FfprobePath"]),
        };
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new FFmpegRunner(options, sp.GetRequiredService<ILogger<FFmpegRunner>>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<PlaceholderGenerator>();
        builder.Services.AddSingleton<ManualClipGenerator>();
        builder.Services.AddSingleton<Func<Backend, IClipGenerator>>(sp => backend => backend switch
        {
            Backend.Placeholder => sp.GetRequiredService<PlaceholderGenerator>(),
            Backend.Manual => sp.GetRequiredService<ManualClipGenerator>(),
            // `run` refuses other backends before anything is built; reaching this is a bug.
            _ => throw new InvalidOperationException($"No clip generator is registered for the {BackendNames.Name(backend)} backend."),
        });
        builder.Services.AddSingleton(sp => new RunOrchestrator(
            sp.GetRequiredService<FFmpegRunner>(),
            sp.GetRequiredService<Func<Backend, IClipGenerator>>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("run"),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new Importer(
            sp.GetRequiredService<FFmpegRunner>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("import"),
            sp.GetRequiredService<TimeProvider>()));
        return builder.Build();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}