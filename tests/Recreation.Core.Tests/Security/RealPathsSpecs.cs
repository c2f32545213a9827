using Recreation.Core.Security;

namespace Recreation.Core.Tests.Security;

[CancelAfter(10_000)]
public class RealPathsSpecs
{
    private string _root = null!;

    [SetUp]
    public void CreateFolder()
    {
        _root = Path.Combine(Path.GetTempPath(), "recreation-realpath-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_root, "scene", "refs"));
        Directory.CreateDirectory(Path.Combine(_root, "elsewhere", "deep"));
        File.WriteAllText(Path.Combine(_root, "elsewhere", "deep", "secret.png"), "x");
        _root = RealPaths.Resolve(_root);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_root, recursive: true);

    private string At(string relative) => Path.Combine(_root, relative);

    [Test]
    public void Links_to_files_folders_and_through_relative_targets_are_followed_to_where_they_point()
    {
        File.CreateSymbolicLink(At("scene/refs/file.png"), At("elsewhere/deep/secret.png"));
        Directory.CreateSymbolicLink(At("scene/refs/dir"), "../../elsewhere/deep");
        File.CreateSymbolicLink(At("scene/refs/chain.png"), "dir/secret.png");

        Assert.That(RealPaths.Resolve(At("scene/refs/file.png")), Is.EqualTo(At("elsewhere/deep/secret.png")));
        Assert.That(RealPaths.Resolve(At("scene/refs/dir/secret.png")), Is.EqualTo(At("elsewhere/deep/secret.png")));
        Assert.That(RealPaths.Resolve(At("scene/refs/chain.png")), Is.EqualTo(At("elsewhere/deep/secret.png")));
        Assert.That(RealPaths.IsInside(At("scene/refs/chain.png"), At("scene")), Is.False);
        Assert.That(RealPaths.IsInside(At("scene/refs/chain.png"), At("elsewhere")), Is.True);
        Assert.That(RealPaths.Resolve(At("scene/refs/missing.png")), Is.EqualTo(At("scene/refs/missing.png")), "a part that does not exist is kept");
    }

    [Test]
    public void A_folder_named_like_the_prefix_of_another_is_not_inside_it_and_a_link_loop_is_an_IO_error()
    {
        Directory.CreateDirectory(At("scene-other"));
        Assert.That(RealPaths.IsInside(At("scene-other/x.png"), At("scene")), Is.False);

        File.CreateSymbolicLink(At("scene/a"), At("scene/b"));
        File.CreateSymbolicLink(At("scene/b"), At("scene/a"));
        Assert.Throws<IOException>(() => RealPaths.Resolve(At("scene/a")));
    }
}