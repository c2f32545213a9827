using System.Diagnostics;

using Recreation.Testing;
using Recreation.Testing.FakeVideosApi;

namespace Recreation.Cli.Tests.ChildProcesses;

/// <summary>
/// A scene file is untrusted: it must not choose where credentials go (issue 11, item 1). The built
/// <c>recreate</c>, as a child process with its own environment, on scenes that try to send an
/// environment variable to a host of their choosing: exit 2 naming the line and how to allow it,
/// and not one connection reaches that host. The same, allowed by the user's flags, settings or a
/// named connection, works.
/// </summary>
[CancelAfter(240_000)]
[Parallelizable(ParallelScope.Children)] // each test has its own temp folder and fake: the long tests of this fixture spread over both workers
public sealed class CredentialPolicyProcessTests
{
    private const string Secret = "ghp_not-a-real-token-but-secret-0123456789";

    private static string Scene(string targetLines, string backend = "openai") => $$"""
        version: 1
        title: Hostile
        profiles: [{ name: test-tiny, backends: [openai], seconds: [1, 2, 4], sizes: [{ size: 320x180, usd_per_second: 0.10 }] }]
        target:
          backend: {{backend}}
          model: test-tiny
        {{targetLines}}
        output: { path: out/film.mp4, fps: 24 }
        scenes:
          - { id: a, duration: 1, description: A quiet street at dawn. }
        """;

    private static string Exfiltrating(string origin, string backend = "openai") =>
        Scene($"  base_url: \"{origin}/v1\"\n  api_key_env: GITHUB_TOKEN", backend);

    [TestCase("run")]
    [TestCase("doctor")]
    public async Task A_scene_sending_a_token_to_its_own_host_is_refused_with_exit_2_and_nothing_reaches_that_host(string verb)
    {
        using var temp = new TempDirectory("recreation-creds");
        using var trap = new LoopbackTrap();
        var scene = temp.File("scene.yaml");
        await File.WriteAllTextAsync(scene, Exfiltrating(trap.Origin));
        var before = FolderSnapshot.Take(temp.Path);

        var result = await RunAsync(temp.Path, new() { ["GITHUB_TOKEN"] = Secret, ["OPENAI_API_KEY"] = "sk-user-own-key" }, verb, scene);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Stderr, Does.Contain("scene.yaml:7:13: target.base_url: this scene would send your openai key to " + trap.Origin + "/v1")
                .And.Contain("--allow-base-url " + trap.Origin).And.Contain("Security:AllowedBaseUrls").And.Contain("target.connection"), result.ToString());
            Assert.That(result.Stderr, Does.Contain("scene.yaml:8:16: target.api_key_env: this scene would send the environment variable GITHUB_TOKEN")
                .And.Contain("--allow-key-env GITHUB_TOKEN").And.Contain("Security:AllowedKeyVariables"), result.ToString());
            Assert.That(result.All, Does.Not.Contain(Secret).And.Not.Contain("sk-user-own-key").And.Not.Contain("   at "));
            Assert.That(trap.Connections, Is.Zero, "nothing may reach the scene's host");
            Assert.That(FolderSnapshot.Take(temp.Path), Is.EqualTo(before), "nothing written");
        });
    }

    [Test]
    public async Task A_retake_on_the_openai_backend_is_refused_the_same_way()
    {
        using var temp = new TempDirectory("recreation-creds");
        using var trap = new LoopbackTrap();
        var scene = temp.File("scene.yaml");
        await File.WriteAllTextAsync(scene, Exfiltrating(trap.Origin, backend: "placeholder"));
        var env = new Dictionary<string, string> { ["GITHUB_TOKEN"] = Secret };
        var first = await RunAsync(temp.Path, env, "run", scene);
        Assert.That(first.ExitCode, Is.Zero, "the placeholder backend sends nothing, so the scene runs: " + first);
        var ledger = await File.ReadAllBytesAsync(temp.File("out/.recreation/hostile/ledger.json"));

        var retake = await RunAsync(temp.Path, env, "retake", scene, "a-1", "--prompt-note", "Closer.", "--backend", "openai");

        Assert.That(retake.ExitCode, Is.EqualTo(2), retake.ToString());
        Assert.That(retake.Stderr, Does.Contain("target.base_url: this scene would send your openai key").And.Contain("target.api_key_env"));
        Assert.That(retake.All, Does.Not.Contain(Secret));
        Assert.That(trap.Connections, Is.Zero);
        Assert.That(await File.ReadAllBytesAsync(temp.File("out/.recreation/hostile/ledger.json")), Is.EqualTo(ledger), "the ledger is untouched");
    }

    [Test]
    public async Task The_same_scene_allowed_by_the_users_flags_runs_against_that_service()
    {
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Secret, PollAfter = TimeSpan.FromMilliseconds(20) });
        using var temp = new TempDirectory("recreation-creds");
        var scene = temp.File("scene.yaml");
        var origin = server.BaseUrl.GetLeftPart(UriPartial.Authority);
        await File.WriteAllTextAsync(scene, Exfiltrating(origin));

        var result = await RunAsync(temp.Path, PaidEnvironment(), "run", scene, "--allow-base-url", origin, "--allow-key-env", "GITHUB_TOKEN");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(server.CountRequests(FakeEndpoint.Create), Is.EqualTo(1));
        Assert.That(File.Exists(temp.File("out/film.mp4")));
        Assert.That(result.All, Does.Not.Contain(Secret));
    }

    [Test]
    public async Task The_same_scene_allowed_by_the_users_settings_passes_doctor()
    {
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Secret });
        using var temp = new TempDirectory("recreation-creds");
        var scene = temp.File("scene.yaml");
        var origin = server.BaseUrl.GetLeftPart(UriPartial.Authority);
        await File.WriteAllTextAsync(scene, Exfiltrating(origin));
        var env = PaidEnvironment();
        var refused = await RunAsync(temp.Path, env, "doctor", scene);
        Assert.That(refused.ExitCode, Is.EqualTo(2), "without the settings: " + refused);
        Assert.That(server.Requests, Is.Empty);

        env["RECREATION_Security__AllowedBaseUrls"] = "https://elsewhere.example, " + origin;
        env["RECREATION_Security__AllowedKeyVariables"] = "GITHUB_TOKEN";

        var result = await RunAsync(temp.Path, env, "doctor", scene);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Stdout, Does.Contain("ok    API key   GITHUB_TOKEN is set (not shown)").And.Contain("ok    model     test-tiny is listed"));
        Assert.That(server.CountRequests(FakeEndpoint.Models), Is.EqualTo(1));
    }

    [Test]
    public async Task A_scene_names_a_connection_the_user_defined_and_an_unknown_name_lists_the_defined_ones()
    {
        await using var server = await FakeVideosApiServer.StartAsync(new FakeVideosApiOptions { ApiKey = Secret });
        using var temp = new TempDirectory("recreation-creds");
        var scene = temp.File("scene.yaml");
        var env = PaidEnvironment();
        env["RECREATION_Connections__gateway__BaseUrl"] = server.BaseUrl.ToString();
        env["RECREATION_Connections__gateway__ApiKeyEnv"] = "GATEWAY_KEY";
        env["RECREATION_Connections__backup__BaseUrl"] = "https://backup.example/v1";
        env["GATEWAY_KEY"] = Secret;

        await File.WriteAllTextAsync(scene, Scene("  connection: gateway"));
        var known = await RunAsync(temp.Path, env, "doctor", scene);
        Assert.That(known.ExitCode, Is.Zero, known.ToString());
        Assert.That(known.Stdout, Does.Contain("GATEWAY_KEY is set (not shown)").And.Contain(server.BaseUrl.ToString().TrimEnd('/')));

        await File.WriteAllTextAsync(scene, Scene("  connection: gatewy"));
        var unknown = await RunAsync(temp.Path, env, "doctor", scene);
        Assert.That(unknown.ExitCode, Is.EqualTo(2), unknown.ToString());
        Assert.That(unknown.Stderr, Does.Contain("scene.yaml:7:15: target.connection: unknown connection 'gatewy' (your settings define: backup, gateway)")
            .And.Contain("RECREATION_Connections__gatewy__BaseUrl"));
        Assert.That(server.CountRequests(FakeEndpoint.Models), Is.EqualTo(1), "only the known connection was checked");
    }

    [Test]
    public async Task Plain_http_to_another_machine_is_refused_before_sending_whatever_set_it()
    {
        using var temp = new TempDirectory("recreation-creds");
        var scene = temp.File("scene.yaml");

        // Allowed by the user, but plain http off this machine: still refused, with how to allow it.
        await File.WriteAllTextAsync(scene, Scene("  base_url: \"http://gateway.example.invalid/v1\""));
        var fromScene = await RunAsync(temp.Path, new() { ["OPENAI_API_KEY"] = Secret }, "run", scene, "--allow-base-url", "http://gateway.example.invalid");
        Assert.That(fromScene.ExitCode, Is.EqualTo(2), fromScene.ToString());
        Assert.That(fromScene.Stderr, Does.Contain("scene.yaml:7:13: target.base_url: The openai base URL http://gateway.example.invalid/v1 (from target.base_url) is plain http://")
            .And.Contain("--allow-http").And.Contain("Security:AllowInsecureHttp"));

        // Set by the user's own environment: the same rule (192.0.2.1 is TEST-NET-1, never routed).
        await File.WriteAllTextAsync(scene, Scene(""));
        var fromUser = await RunAsync(temp.Path, new() { ["OPENAI_API_KEY"] = Secret, ["OPENAI_BASE_URL"] = "http://192.0.2.1/v1" }, "doctor", scene);
        Assert.That(fromUser.ExitCode, Is.EqualTo(2), fromUser.ToString());
        Assert.That(fromUser.Stderr, Does.Contain("The openai base URL http://192.0.2.1/v1 (from OPENAI_BASE_URL) is plain http://").And.Contain("--allow-http"));
        Assert.That(temp.ListFiles(), Is.EqualTo(new[] { "scene.yaml" }));
        Assert.That(fromScene.All + fromUser.All, Does.Not.Contain(Secret));
    }

    [Test]
    public async Task A_reference_image_that_links_outside_the_scene_folder_is_refused_unless_its_folder_is_allowed()
    {
        using var temp = new TempDirectory("recreation-creds");
        using var outside = new TempDirectory("recreation-creds-outside");
        var secretImage = outside.File("private.png");
        await File.WriteAllBytesAsync(secretImage, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Directory.CreateDirectory(temp.File("refs"));
        File.CreateSymbolicLink(temp.File("refs/door.png"), secretImage);
        var scene = temp.File("scene.yaml");
        await File.WriteAllTextAsync(scene, Scene("", backend: "placeholder").Replace("description: A quiet street at dawn. }", "description: A quiet street at dawn., reference_image: refs/door.png }"));
        var before = FolderSnapshot.Take(temp.Path);

        foreach (var verb in new[] { "validate", "run" })
        {
            var refused = await RunAsync(temp.Path, [], verb, scene);
            Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
            Assert.That(refused.Stderr, Does.Contain("scene.yaml:10:").And.Contain("scenes[0].reference_image: 'refs/door.png' is a link to " + RealPath(secretImage) + ", outside the scene file's folder")
                .And.Contain("--allow-input " + Path.GetDirectoryName(RealPath(secretImage))), refused.ToString());
        }

        Assert.That(FolderSnapshot.Take(temp.Path), Is.EqualTo(before), "nothing written");
        var allowed = await RunAsync(temp.Path, [], "validate", scene, "--allow-input", outside.Path);
        Assert.That(allowed.ExitCode, Is.Zero, allowed.ToString());
    }

    [Test]
    public async Task An_absolute_input_path_outside_the_scene_folder_is_refused()
    {
        using var temp = new TempDirectory("recreation-creds");
        using var outside = new TempDirectory("recreation-creds-outside");
        var music = outside.File("bed.wav");
        await File.WriteAllBytesAsync(music, new byte[64]);
        var scene = temp.File("scene.yaml");
        await File.WriteAllTextAsync(scene, Scene("", backend: "placeholder").Replace("output: { path: out/film.mp4, fps: 24 }", $"output: {{ path: out/film.mp4, fps: 24, music: {{ path: \"{music}\" }} }}"));

        var refused = await RunAsync(temp.Path, [], "validate", scene);
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Stderr, Does.Contain("output.music.path: '" + music + "' is outside the scene file's folder").And.Contain("--allow-input " + outside.Path));

        var env = new Dictionary<string, string> { ["RECREATION_Security__AllowedInputFolders"] = outside.Path };
        var allowed = await RunAsync(temp.Path, env, "validate", scene);
        Assert.That(allowed.ExitCode, Is.Zero, allowed.ToString());
    }

    /// <summary>Poll and retry fast against the fake service.</summary>
    private static Dictionary<string, string> PaidEnvironment() => new()
    {
        ["GITHUB_TOKEN"] = Secret,
        ["RECREATION_OpenAI__PollInterval"] = "00:00:00.050",
        ["RECREATION_OpenAI__MinPollInterval"] = "00:00:00.020",
        ["RECREATION_OpenAI__MaxPollInterval"] = "00:00:00.500",
    };

    private static string RealPath(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    /// <summary>
    /// Runs the built tool with exactly the given user settings: every inherited <c>RECREATION_Security__*</c>,
    /// <c>RECREATION_Connections__*</c> and <c>OPENAI_*</c> variable is removed first.
    /// </summary>
    private static async Task<ProcessResult> RunAsync(string folder, Dictionary<string, string> environment, params string[] args)
    {
        var start = ChildProcess.StartInfo(folder, args);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("RECREATION_Security__", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("RECREATION_Connections__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("OPENAI_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"recreate {string.Join(' ', args)} did not finish within 90 s");
        }

        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }
}