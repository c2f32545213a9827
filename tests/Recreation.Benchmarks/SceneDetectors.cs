using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Recreation.Benchmarks;

/// <summary>One detector's run on one video: the process (wall time, peak memory) and the boundaries it reported.</summary>
internal sealed record DetectorRun(string Detector, ChildResult Process, IReadOnlyList<FoundBoundary> Found);

/// <summary>
/// The detectors the <c>analyze</c> benchmark compares, each run as a child process on the same
/// file: ours (<c>recreate analyze --json</c>), the floor (<c>ffmpeg -i VIDEO -f null -</c>, which
/// decodes every frame once and reports nothing), ffmpeg's scene score
/// (<c>select='gt(scene,0.3)'</c>), and PySceneDetect's ContentDetector and AdaptiveDetector run
/// from its source with Debian's <c>python3-opencv</c> (no PyPI here), each with its defaults.
/// </summary>
internal static partial class SceneDetectors
{
    public const string Ours = "recreate analyze", Decode = "ffmpeg decode (floor)", Select = "ffmpeg select scene>0.3", Content = "PySceneDetect ContentDetector", Adaptive = "PySceneDetect AdaptiveDetector";

    /// <summary>Prints the cut list PySceneDetect finds, as JSON frame numbers (the first frame of each new scene).</summary>
    private const string PythonScript = """
        import json, sys
        sys.path.insert(0, sys.argv[1])
        from scenedetect import open_video, SceneManager, ContentDetector, AdaptiveDetector
        video = open_video(sys.argv[2], backend="opencv")
        manager = SceneManager()
        manager.add_detector(ContentDetector() if sys.argv[3] == "content" else AdaptiveDetector())
        manager.detect_scenes(video)
        print(json.dumps([cut.get_frames() for cut in manager.get_cut_list()]))
        """;

    public static async Task<DetectorRun> OursAsync(Tools tools, string video)
    {
        var run = await tools.RecreateAsync(["analyze", video, "--json"], sampleMemory: true).ConfigureAwait(false);
        Require(run, Ours);
        using var json = JsonDocument.Parse(run.StandardOutput);
        var found = new List<FoundBoundary>();
        foreach (var shot in json.RootElement.GetProperty("shots").EnumerateArray().Skip(1))
        {
            var transition = shot.GetProperty("transition");
            var start = shot.GetProperty("start_frame").GetInt32();
            found.Add(transition.GetProperty("type").GetString() == "cut"
                ? new FoundBoundary("cut", start, start)
                : new FoundBoundary("gradual", transition.GetProperty("first_frame").GetInt32(), transition.GetProperty("last_frame").GetInt32()));
        }

        return new DetectorRun(Ours, run, found);
    }

    public static async Task<DetectorRun> DecodeAsync(string video)
    {
        var run = await ChildProcess.RunAsync(Tools.FFmpeg, ["-hide_banner", "-nostdin", "-i", video, "-f", "null", "-"], sampleMemory: true).ConfigureAwait(false);
        Require(run, Decode);
        return new DetectorRun(Decode, run, []);
    }

    public static async Task<DetectorRun> SelectAsync(string video, int fps)
    {
        var run = await ChildProcess.RunAsync(Tools.FFmpeg, ["-hide_banner", "-nostdin", "-i", video, "-vf", "select='gt(scene,0.3)',showinfo", "-f", "null", "-"], sampleMemory: true).ConfigureAwait(false);
        Require(run, Select);
        var found = PtsTime().Matches(run.StandardError)
            .Select(m => FoundBoundary.Point((int)Math.Round(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * fps)))
            .ToList();
        return new DetectorRun(Select, run, found);
    }

    /// <summary>PySceneDetect's <paramref name="detector"/> ("content" or "adaptive") from the source folder <paramref name="source"/> (the one holding the <c>scenedetect</c> package).</summary>
    public static async Task<DetectorRun> PySceneDetectAsync(string source, string workDirectory, string video, string detector)
    {
        var script = Path.Combine(workDirectory, "pyscenedetect-cuts.py");
        await File.WriteAllTextAsync(script, PythonScript).ConfigureAwait(false);
        var name = detector == "content" ? Content : Adaptive;
        var run = await ChildProcess.RunAsync(Python, [script, source, video, detector], sampleMemory: true).ConfigureAwait(false);
        Require(run, name);
        var frames = JsonSerializer.Deserialize<int[]>(run.StandardOutput.Trim().Split('\n')[^1]) ?? [];
        return new DetectorRun(name, run, frames.Select(FoundBoundary.Point).ToList());
    }

    /// <summary>Debian's python3, which sees Debian's python3-opencv (a pyenv shim on PATH may not).</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Whether PySceneDetect runs from <paramref name="source"/>: imports it and OpenCV, or says why not.</summary>
    public static async Task<string?> CheckPySceneDetectAsync(string? source)
    {
        if (source is null || !Directory.Exists(Path.Combine(source, "scenedetect")))
        {
            return "PySceneDetect's source was not found: `fetch` Breakthrough/PySceneDetect, extract its `scenedetect` folder (git archive HEAD scenedetect | tar -x -C DIR) and pass --pyscenedetect DIR";
        }

        var check = await ChildProcess.RunAsync(Python, ["-c", "import sys; sys.path.insert(0, sys.argv[1]); import cv2, scenedetect; print(scenedetect.__version__, cv2.__version__)", source]).ConfigureAwait(false);
        return check.Succeeded ? null : "PySceneDetect does not import (apt-get install -y python3-opencv): " + check.StandardError.Trim();
    }

    private static void Require(ChildResult run, string detector)
    {
        if (!run.Succeeded)
        {
            throw new BenchmarkException($"{detector} failed: {run.Describe()}");
        }
    }

    [GeneratedRegex(@"pts_time:\s*([0-9.]+)")]
    private static partial Regex PtsTime();
}