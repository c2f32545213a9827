using System.Net;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Recreation.Testing.FakeProviders;

/// <summary>Starts and stops the small Kestrel apps the fake providers are made of (loopback only, no signal handling, no logging).</summary>
internal static class FakeKestrel
{
    public static async Task<(WebApplication App, Uri Root)> StartAsync(string host, int port, Action<WebApplication> configure, CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(host);
        if (!IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"The fake servers listen on loopback only, not {host}.", nameof(host));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        // Signals belong to whoever hosts the server (a test runner, the console tool), not to it.
        builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(address, port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        configure(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without reporting its address.");
        return (app, new Uri(bound.TrimEnd('/') + "/"));
    }

    public static async ValueTask StopAsync(WebApplication app)
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await app.StopAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Connections still open after the grace period are cut: it is a test server.
        }

        await app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class NoSignalsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}