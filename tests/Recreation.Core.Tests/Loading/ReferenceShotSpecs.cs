using Recreation.Core.Diagnostics;

namespace Recreation.Core.Tests.Loading;

/// <summary>
/// What <c>analyze -o</c> records about the reference: <c>reference.video</c> and each scene's
/// <c>reference_shot</c>. Optional, so older scene files load as before; checked when present.
/// </summary>
[CancelAfter(10_000)]
public class ReferenceShotSpecs
{
    [Test]
    public void A_draft_s_reference_and_shots_are_read_with_paths_made_absolute()
    {
        var scene = Scenes.One(
            "duration: 2\ndescription: d\nreference_shot: { start: 1.25, end: 3.5, keyframe: keys/shot-001-middle.png, keyframe_at: 2.4 }",
            "reference: { video: ../ref.mp4 }");

        var folder = Path.GetDirectoryName(Scenes.Path)!;
        Assert.That(scene.File.Reference!.Video, Is.EqualTo(Path.GetFullPath(Path.Combine(folder, "..", "ref.mp4"))), "the video may lie outside the folder: no run reads it");
        var shot = scene.File.Scenes[0].ReferenceShot!;
        Assert.That((shot.Start, shot.End, shot.KeyframeAt), Is.EqualTo((1.25m, 3.5m, (decimal?)2.4m)));
        Assert.That(shot.Keyframe, Is.EqualTo(Path.Combine(folder, "keys", "shot-001-middle.png")), "need not exist");
    }

    [Test]
    public void A_scene_file_without_them_loads_as_before()
    {
        var scene = Scenes.One("duration: 2\ndescription: d");
        Assert.That(scene.File.Reference, Is.Null);
        Assert.That(scene.File.Scenes[0].ReferenceShot, Is.Null);
    }

    [TestCase("{ start: -1, end: 2 }", "scenes[0].reference_shot.start", "must be >= 0")]
    [TestCase("{ start: 2, end: 2 }", "scenes[0].reference_shot.end", "must be after start")]
    [TestCase("{ start: 0, end: 2, keyframe_at: 2 }", "scenes[0].reference_shot.keyframe_at", "must lie in the shot")]
    [TestCase("{ start: 0, end: 2, keyframe: /etc/passwd.png }", "scenes[0].reference_shot.keyframe", "must be relative")]
    [TestCase("{ start: 0, end: 2, keyframe: ../../elsewhere.png }", "scenes[0].reference_shot.keyframe", "outside the scene file's folder")]
    [TestCase("{ start: 0, end: 2, keyframe: shot.gif }", "scenes[0].reference_shot.keyframe", "must be one of")]
    [TestCase("{ start: 0, end: 2, frames: 3 }", "scenes[0].reference_shot.frames", "")]
    [TestCase("{ end: 2 }", "scenes[0].reference_shot.start", "")]
    public void A_bad_reference_shot_is_reported_at_its_field(string value, string path, string message)
    {
        var error = Assert.Throws<InvalidInputException>(() => Scenes.One($"duration: 2\ndescription: d\nreference_shot: {value}"))!;
        Assert.That(error.Diagnostics.Select(d => d.Path), Does.Contain(path), string.Join("\n", error.Diagnostics));
        Assert.That(error.Diagnostics.Single(d => d.Path == path).Message, Does.Contain(message));
    }
}