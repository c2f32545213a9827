using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Recreation.Core.Security;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Files;
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
    /// <summary>The tool's configuration alone (appsettings.json, then RECREATION_ variables), for checks made before a host is built.</summary>
    public static IConfiguration Configuration() => AddSources(new ConfigurationBuilder()).Build();

    /// <summary>The providers this tool knows (<see cref="ProviderRegistry.BuiltIn"/>).</summary>
    public static ProviderRegistry Providers => ProviderRegistry.BuiltIn;

    /// <summary>The user's settings the providers resolve their connections from (never a scene file).</summary>
    /// <param name="security">What the user trusts (settings and flags), for <c>EndpointPolicy</c>.</param>
    public static ProviderSettings ProviderSettings(SecuritySettings security) => new(Configuration(), Environment.GetEnvironmentVariable) { Security = security };

    /// <param name="security">What the user trusts (settings and flags): providers resolve where credentials may go with it.</param>
    /// <param name="warnings">Receives every warning the log gets (for <c>--events</c>), or null.</param>
    public static IHost Build(string? logFile, bool verbose, SecuritySettings? security = null, Action<string>? warnings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        AddSources(builder.Configuration);

        var logger = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .WriteTo.Console(
                restrictedToMinimumLevel: verbose ? LogEventLevel.Debug : LogEventLevel.Warning,
                standardErrorFromLevel: LogEventLevel.Verbose,
                outputTemplate: "{Level:u3}: {Message:lj}{NewLine}{Exception}");
        if (logFile is not null)
        {
            AtomicFile.CreateFolder(Path.GetDirectoryName(logFile)!);
            logger = logger.WriteTo.File(logFile, outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}");
        }

        if (warnings is not null)
        {
            logger = logger.WriteTo.Sink(new Events.WarningSink(warnings), LogEventLevel.Warning);
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
        // Providers' HTTP clients come from the factory (pooled handlers); each client times its own attempts.
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton(sp => new ClipGeneratorFactory(
            Providers,
            new ProviderContext(sp.GetRequiredService<FFmpegRunner>())
            {
                Time = sp.GetRequiredService<TimeProvider>(),
                Loggers = sp.GetRequiredService<ILoggerFactory>(),
                Http = sp.GetRequiredService<IHttpClientFactory>(),
            },
            new ProviderSettings(builder.Configuration, Environment.GetEnvironmentVariable) { Security = security ?? SecuritySettings.None }));
        builder.Services.AddSingleton(sp => new RunOrchestrator(
            sp.GetRequiredService<FFmpegRunner>(),
            sp.GetRequiredService<ClipGeneratorFactory>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("run"),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new Importer(
            sp.GetRequiredService<FFmpegRunner>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("import"),
            sp.GetRequiredService<TimeProvider>()));
        return builder.Build();
    }

    private static IConfigurationBuilder AddSources(IConfigurationBuilder configuration) => configuration
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables("RECREATION_");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}