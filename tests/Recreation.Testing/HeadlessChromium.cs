using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Recreation.Testing;

/// <summary>
/// Debian's <c>chromium</c>, headless, driven over the DevTools protocol on a loopback websocket
/// (no Playwright: it cannot download its browsers here, and the protocol needs only a websocket
/// and JSON). One browser per test fixture; each page opens in a target of its own, whose network
/// events are recorded, so a test can tell every request the page made.
/// </summary>
/// <remarks>
/// Every network request the browser makes goes to <see cref="Proxy"/>, a loopback listener that
/// answers nothing and counts connections: with background services off, any count above zero is
/// the page reaching for the network. <c>--no-sandbox</c>: the tests run as root here, and
/// Chromium refuses to start its sandbox as root; the pages opened are our own reports.
/// </remarks>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly ConcurrentQueue<(string? Session, string Method, JsonObject Params)> _events = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _profile;
    private Task _reading = Task.CompletedTask;
    private int _nextId;

    private HeadlessChromium(Process process, string profile, RecordingProxy proxy)
    {
        _process = process;
        _profile = profile;
        Proxy = proxy;
    }

    /// <summary>Where every request of the browser goes: it records what each asks for.</summary>
    public RecordingProxy Proxy { get; }

    /// <summary>The browser, or null with the reason when it is not installed.</summary>
    public static string? Executable => new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    public static async Task<HeadlessChromium> LaunchAsync(CancellationToken cancellationToken)
    {
        var executable = Executable ?? throw new InvalidOperationException("chromium is not installed: apt-get install -y chromium");
        var proxy = new RecordingProxy();
        var profile = Path.Combine(Path.GetTempPath(), "recreation-chromium-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", "--user-data-dir=" + profile,
            "--proxy-server=" + proxy.Origin, "--proxy-bypass-list=<-loopback>",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability", "--metrics-recording-only",
            "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication", "--allow-file-access-from-files",
            "--window-size=1280,1600", "--hide-scrollbars", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var browser = new HeadlessChromium(process, profile, proxy);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            string? endpoint = null;
            while (endpoint is null && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                const string Marker = "DevTools listening on ";
                endpoint = line.StartsWith(Marker, StringComparison.Ordinal) ? line[Marker.Length..].Trim() : null;
            }

            _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None); // keep the pipe drained
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            await browser._socket.ConnectAsync(new Uri(endpoint ?? throw new InvalidOperationException("chromium printed no DevTools endpoint")), timeout.Token);
            browser._reading = browser.ReadAsync();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> in a new page, waits for its load event, and returns the page.</summary>
    public async Task<Page> OpenAsync(string url, CancellationToken cancellationToken)
    {
        var target = await SendAsync(null, "Target.createTarget", new JsonObject { ["url"] = "about:blank" }, cancellationToken);
        var attached = await SendAsync(null, "Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true }, cancellationToken);
        var session = attached["sessionId"]!.GetValue<string>();
        await SendAsync(session, "Network.enable", [], cancellationToken);
        await SendAsync(session, "Page.enable", [], cancellationToken);
        await SendAsync(session, "Page.navigate", new JsonObject { ["url"] = url }, cancellationToken);
        while (!_events.Any(e => e.Session == session && e.Method == "Page.loadEventFired"))
        {
            await Task.Delay(50, cancellationToken);
        }

        return new Page(this, session);
    }

    /// <summary>One open page.</summary>
    public sealed class Page(HeadlessChromium browser, string session)
    {
        /// <summary>The URL of every request the page made (the document itself, images, media...).</summary>
        public IReadOnlyList<string> Requests =>
            browser._events.Where(e => e.Session == session && e.Method == "Network.requestWillBeSent").Select(e => e.Params["request"]!["url"]!.GetValue<string>()).ToList();

        /// <summary>Evaluates a JavaScript expression (a promise is awaited) and returns its JSON value.</summary>
        public async Task<JsonNode?> EvaluateAsync(string expression, CancellationToken cancellationToken)
        {
            var result = await browser.SendAsync(session, "Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true }, cancellationToken);
            return result["exceptionDetails"] is { } failure
                ? throw new InvalidOperationException("the page's script failed: " + failure.ToJsonString())
                : result["result"]?["value"]?.DeepClone();
        }

        /// <summary>A PNG of the whole page.</summary>
        public async Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken)
        {
            var shot = await browser.SendAsync(session, "Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true }, cancellationToken);
            return Convert.FromBase64String(shot["data"]!.GetValue<string>());
        }
    }

    private async Task<JsonObject> SendAsync(string? session, string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        var reply = await answer.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return reply["error"] is { } error ? throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}") : reply["result"]?.AsObject() ?? [];
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                var json = JsonNode.Parse(message.ToArray())!.AsObject();
                message.SetLength(0);
                if (json["id"] is { } id && _pending.TryRemove(id.GetValue<int>(), out var waiting))
                {
                    waiting.TrySetResult(json);
                }
                else if (json["method"] is { } method)
                {
                    _events.Enqueue((json["sessionId"]?.GetValue<string>(), method.GetValue<string>(), json["params"]?.AsObject() ?? []));
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or JsonException)
        {
            // The browser closed or the test is over: pending commands time out on their own.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Already gone, or stuck past the kill: the OS reaps it with the test host.
        }

        await _reading.ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _process.Dispose();
        Proxy.Dispose();
        _stop.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // A file chromium still held: the temp cleaner gets it later.
        }
    }
}