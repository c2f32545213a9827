using System.Text.Json.Nodes;

using Recreation.Core;
using Recreation.Core.Batch;
using Recreation.Generation.Providers;
using Recreation.Media;
using Recreation.Media.Processes;
using Recreation.Pipeline.Batch;
using Recreation.Pipeline.Reports;
using Recreation.Pipeline.Running;
using Recreation.Testing;

namespace Recreation.Pipeline.Tests.Reports;

/// <summary>
/// The report pages opened from file:// URLs in headless Chromium (Debian's <c>chromium</c>, which
/// <c>.ci/run</c> installs): cards, decoded thumbnails and the video element render, and the page
/// makes no network request — every request it makes is a file: or data: URL, and nothing reaches
/// the loopback proxy every request of the browser is sent to. One browser for the fixture.
/// </summary>
[CancelAfter(120_000)]
[NonParallelizable]
public class BrowserSpecs
{
    private const string Scene = """
        version: 1
        title: Browser <script>alert(1)</script>
        profiles: [{ name: tiny, seconds: [1, 2], sizes: [{ size: 320x180, usd_per_second: 0 }] }]
        target: { model: tiny, concurrency: 2 }
        output: { path: out/browser film.mp4, fps: 24, loudness: null }
        planning: { max_clip_seconds: 2 }
        palette: ["#203040", "#a0b0c0"]
        reference: { video: ref.mp4 }
        scenes:
          - { id: shot-001, duration: 3, description: "First <img src=x onerror=alert(2)> shot.", reference_shot: { start: 0, end: 3, keyframe: key.png, keyframe_at: 1 } }
          - { id: shot-002, duration: 1.5, description: Second shot., reference_shot: { start: 3, end: 4.5, keyframe: key.png, keyframe_at: 3.5 } }
        """;

    private static readonly FFmpegRunner Runner = new();
    private TempDirectory _temp = null!;
    private HeadlessChromium _browser = null!;
    private RunSummary _run = null!;
    private string _index = null!;

    [OneTimeSetUp]
    public async Task RunAndOpenTheBrowser()
    {
        if (HeadlessChromium.Executable is null)
        {
            if (Environment.GetEnvironmentVariable("RECREATION_REQUIRE_CHROMIUM") == "1")
            {
                Assert.Fail("chromium is not installed: apt-get install -y chromium (.ci/run does)");
            }

            Assert.Ignore("chromium is not installed (apt-get install -y chromium; .ci/run installs it and requires these tests).");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        _temp = new TempDirectory("browser");
        await Runner.RunAsync(MediaCommand.FFmpeg(["-f", "lavfi", "-i", "color=c=0x203040:s=320x180:d=0.04", "-frames:v", "1", _temp.File("key.png")], "a keyframe"), timeout.Token);
        var path = _temp.File("film.yaml");
        await File.WriteAllTextAsync(path, Scene, timeout.Token);
        var orchestrator = new RunOrchestrator(Runner, new ClipGeneratorFactory(ProviderRegistry.BuiltIn, new ProviderContext(Runner)));
        var item = new BatchRunItem(new BatchItem("film.yaml", path), SceneCompiler.Compile(path), new RunOptions());
        var results = await new BatchRunner(orchestrator).RunAsync([item], 1, null, timeout.Token);
        Assert.That(results[0].State, Is.EqualTo(BatchItemState.Succeeded), results[0].Error);
        _run = await orchestrator.RunAsync(item.Scene, item.Options, null, timeout.Token); // cached: the summary of the same run
        _index = await BatchIndex.WriteAsync(BatchSummary.Create(["0/1"], 1, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(1), null, results), _temp.File("batch"), Runner, timeout.Token);
        _browser = await HeadlessChromium.LaunchAsync(timeout.Token);
    }

    [OneTimeTearDown]
    public async Task CloseTheBrowser()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _temp?.Dispose();
    }

    [Test]
    [Order(1)]
    public async Task The_storyboard_renders_its_cards_thumbnails_and_video_and_fetches_nothing(CancellationToken cancellationToken)
    {
        var (page, proxied) = await OpenAsync(Path.Combine(_run.Workspace, "report.html"), cancellationToken);

        var cards = await page.EvaluateAsync("document.querySelectorAll('section.card').length", cancellationToken);
        Assert.That(cards!.GetValue<int>(), Is.EqualTo(3), "a-1, a-2 and b-1: shot-001 is split in two");
        var thumbnails = await Widths(page, "section.card img.thumb", cancellationToken);
        Assert.That(thumbnails, Has.Count.EqualTo(9).And.All.EqualTo(240), "three decoded thumbnails per card");
        var video = (await page.EvaluateAsync(
            """
            new Promise(done => {
              const v = document.querySelector('video');
              if (!v) return done({ found: false });
              const report = () => done({ found: true, state: v.readyState, duration: v.duration, width: v.videoWidth, error: v.error && v.error.code, src: v.currentSrc });
              if (v.readyState >= 1) return report();
              v.addEventListener('loadedmetadata', report);
              v.addEventListener('error', report);
              setTimeout(report, 10000);
            })
            """, cancellationToken))!.AsObject();
        Assert.That(video["found"]!.GetValue<bool>(), "a video element");
        Assert.That(video["src"]!.GetValue<string>(), Does.StartWith("file://").And.EndWith("/out/browser%20film.mp4"));
        Assert.That(video["state"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(1), "its metadata loaded from the relative file link: " + video.ToJsonString());
        Assert.That(video["duration"]!.GetValue<double>(), Is.EqualTo(4.5).Within(0.1));
        Assert.That(video["width"]!.GetValue<int>(), Is.EqualTo(320));

        var text = (await page.EvaluateAsync("[document.scripts.length, document.querySelector('h1').textContent, document.querySelectorAll('img:not(.thumb):not(.ref-frame):not(.out-frame)').length]", cancellationToken))!.AsArray();
        Assert.That(text[0]!.GetValue<int>(), Is.Zero, "no script element");
        Assert.That(text[1]!.GetValue<string>(), Is.EqualTo("Browser <script>alert(1)</script>"), "the title's markup shown as text");
        Assert.That(text[2]!.GetValue<int>(), Is.Zero, "no image injected by a description");
        await AssertNoNetworkAsync(page, proxied, "report", cancellationToken);
    }

    [Test]
    [Order(2)]
    public async Task The_comparison_shows_both_frames_of_every_shot_and_fetches_nothing(CancellationToken cancellationToken)
    {
        var (page, proxied) = await OpenAsync(Path.Combine(_run.Workspace, "report.html"), cancellationToken);

        var rows = await page.EvaluateAsync("document.querySelectorAll('#comparison ~ table tr.shot').length", cancellationToken);
        Assert.That(rows!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(await Widths(page, "tr.shot img.ref-frame", cancellationToken), Has.Count.EqualTo(2).And.All.EqualTo(240));
        Assert.That(await Widths(page, "tr.shot img.out-frame", cancellationToken), Has.Count.EqualTo(2).And.All.EqualTo(240));
        var visible = await page.EvaluateAsync("(() => { const r = document.getElementById('comparison').getBoundingClientRect(); return r.height > 0 && r.width > 0; })()", cancellationToken);
        Assert.That(visible!.GetValue<bool>(), "the section is laid out");
        await AssertNoNetworkAsync(page, proxied, "comparison", cancellationToken);
    }

    [Test]
    [Order(3)]
    public async Task The_batch_index_shows_a_row_per_item_with_its_thumbnail_and_working_links_and_fetches_nothing(CancellationToken cancellationToken)
    {
        var (page, proxied) = await OpenAsync(_index, cancellationToken);

        Assert.That((await page.EvaluateAsync("document.querySelectorAll('tr.item').length", cancellationToken))!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(await Widths(page, "tr.item img.row-thumb", cancellationToken), Has.Count.EqualTo(1).And.All.EqualTo(160));
        var links = (await page.EvaluateAsync("[...document.querySelectorAll('tr.item a')].map(a => a.href)", cancellationToken))!.AsArray().Select(l => l!.GetValue<string>()).ToList();
        Assert.That(links, Has.Count.EqualTo(2));
        Assert.That(links.Select(l => new Uri(l).LocalPath), Is.EquivalentTo(new[] { Path.Combine(_run.Workspace, "report.html"), _temp.File("out/browser film.mp4") }));
        await AssertNoNetworkAsync(page, proxied, "index", cancellationToken);
    }

    /// <summary>Last: the browser keeps retrying the refused requests for a while, which the other tests would count.</summary>
    [Test]
    [Order(4)]
    public async Task A_page_that_reaches_for_the_network_is_caught_so_the_checks_above_can_fail(CancellationToken cancellationToken)
    {
        var leaky = _temp.File("leaky.html");
        await File.WriteAllTextAsync(leaky, "<!doctype html><html><body><img src=\"http://fonts.example.invalid/x.png\"><link rel=\"stylesheet\" href=\"https://cdn.example.invalid/a.css\"></body></html>", cancellationToken);
        var (page, proxied) = await OpenAsync(leaky, cancellationToken);

        Assert.That(page.Requests, Has.Some.StartsWith("http://fonts.example.invalid/"), "DevTools saw the request");
        await Task.Delay(500, cancellationToken);
        Assert.That(_browser.Proxy.Requests.Skip(proxied), Has.Some.Contains("fonts.example.invalid"), "and it reached the loopback proxy");
    }

    /// <summary>
    /// Requests Chromium makes for itself whatever page is open (network time, component updates,
    /// sign-in), which the switches in <see cref="HeadlessChromium"/> do not all silence: these exact
    /// hosts only, so a page reaching for any other host (fonts.googleapis.com included) is caught.
    /// </summary>
    private static bool ChromiumsOwn(string requestLine)
    {
        string[] hosts = ["clients2.google.com", "update.googleapis.com", "accounts.google.com", "redirector.gvt1.com", "edgedl.me.gvt1.com", "safebrowsingohttpgateway.googleapis.com", "optimizationguide-pa.googleapis.com", "content-autofill.googleapis.com", "android.clients.google.com", "www.google.com"];
        var target = requestLine.Split(' ') is { Length: > 1 } parts ? parts[1] : "";
        var host = target.Contains("://", StringComparison.Ordinal) ? new Uri(target).Host : target.Split(':')[0];
        return hosts.Contains(host, StringComparer.OrdinalIgnoreCase);
    }

    private async Task<(HeadlessChromium.Page Page, int ProxiedBefore)> OpenAsync(string file, CancellationToken cancellationToken)
    {
        var before = _browser.Proxy.Requests.Count;
        var page = await _browser.OpenAsync(new Uri(file).AbsoluteUri, cancellationToken);
        return (page, before);
    }

    /// <summary>The natural width of every image the selector finds, once loaded (0 for one that did not decode).</summary>
    private static async Task<List<int>> Widths(HeadlessChromium.Page page, string selector, CancellationToken cancellationToken)
    {
        var widths = await page.EvaluateAsync($"[...document.querySelectorAll('{selector}')].map(i => i.complete ? i.naturalWidth : -1)", cancellationToken);
        return widths!.AsArray().Select(w => w!.GetValue<int>()).ToList();
    }

    private async Task AssertNoNetworkAsync(HeadlessChromium.Page page, int proxiedBefore, string name, CancellationToken cancellationToken)
    {
        var png = await page.ScreenshotAsync(cancellationToken);
        var shot = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"browser-{name}.png");
        await File.WriteAllBytesAsync(shot, png, cancellationToken);
        TestContext.AddTestAttachment(shot, $"{name} as Chromium draws it");
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG screenshot");
        Assert.That(png, Has.Length.GreaterThan(20_000), "a drawn page, not a blank one");

        Assert.That(page.Requests, Is.Not.Empty, "DevTools reports the page's own load, so an empty list would prove nothing");
        Assert.That(page.Requests, Has.All.Match("^(file|data):"), "only the page, its inline images and the local video");
        await Task.Delay(300, cancellationToken); // a late request would still reach the proxy
        var sent = _browser.Proxy.Requests.Skip(proxiedBefore).Where(r => !ChromiumsOwn(r)).ToList();
        TestContext.Out.WriteLine("Through the proxy while the page was open: " + string.Join(" | ", sent));
        Assert.That(sent, Is.Empty, "nothing reached the network");
    }
}