using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Model;
using Recreation.Generation;
using Recreation.Generation.OpenAI;
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
    /// <summary>The tool's configuration alone (appsettings.json, then RECREATION_ variables), for checks made before a host is built.</summary>
    public static IConfiguration Configuration() => AddSources(new ConfigurationBuilder()).Build();

    /// <param name="openAI">The resolved settings of the openai backend when a run uses it (see <see cref="OpenAISettings"/>); null otherwise.</param>
    /// <param name="warnings">Receives every warning the log gets (for <c>--events</c>), or null.</param>
    public static IHost Build(string? logFile, bool verbose, OpenAIVideosOptions? openAI = null, Action<string>? warnings = null)
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
            Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
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
        builder.Services.AddSingleton<PlaceholderGenerator>();
        if (openAI is not null)
        {
            // The typed client times each attempt itself, so the HttpClient's own timeout is off; it
            // follows redirects itself too, so that credentials stay with the API's origin.
            builder.Services.AddHttpClient(nameof(VideosClient), client => client.Timeout = Timeout.InfiniteTimeSpan)
                .ConfigurePrimaryHttpMessageHandler(VideosClient.CreateHttpHandler)
                .AddTypedClient((http, sp) => new VideosClient(http, openAI, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<VideosClient>>()));
            builder.Services.AddSingleton(sp => new OpenAIClipGenerator(sp.GetRequiredService<VideosClient>(), sp.GetRequiredService<ILogger<OpenAIClipGenerator>>()));
        }

        builder.Services.AddSingleton<ManualClipGenerator>();
        builder.Services.AddSingleton<Func<Backend, IClipGenerator>>(sp => backend => backend switch
        {
            Backend.Placeholder => sp.GetRequiredService<PlaceholderGenerator>(),
            Backend.OpenAI => sp.GetRequiredService<OpenAIClipGenerator>(),
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

    private static IConfigurationBuilder AddSources(IConfigurationBuilder configuration) => configuration
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables("RECREATION_");

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}