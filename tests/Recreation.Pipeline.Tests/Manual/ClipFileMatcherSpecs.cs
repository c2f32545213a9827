using Recreation.Pipeline.Manual;

namespace Recreation.Pipeline.Tests.Manual;

public class ClipFileMatcherSpecs
{
    private static readonly ClipSlot[] Clips =
    [
        new("opening-1", 8, false),
        new("opening-2", 4, false),
        new("first-customer-1", 4, false),
    ];

    private static CandidateFile File(string name, double? seconds = null, int minute = 0) =>
        new($"/downloads/{name}", name, new DateTime(2026, 11, 29, 10, minute, 0, DateTimeKind.Utc), seconds is { } s ? TimeSpan.FromSeconds(s) : null);

    private static Dictionary<string, string> Mapping(MatchResult result) => result.Matches.ToDictionary(m => m.ClipId, m => m.File.Name);

    [TestCase("opening-2.mp4")]
    [TestCase("Opening_2.mov")]
    [TestCase("opening 2 (1).mp4")]
    [TestCase("OPENING-2 [3].webm")]
    [TestCase("sora export - opening-2 - take 3.mp4")]
    public void A_clip_id_in_the_file_name_matches_whatever_the_case_separators_or_duplicate_suffix(string name)
    {
        var result = ClipFileMatcher.Match(Clips, [File(name, 4)], []);
        Assert.That(result.Matches.Select(m => (m.ClipId, m.Rule)), Is.EqualTo(new[] { ("opening-2", MatchRule.FileName) }));
        Assert.That(result.Unmatched, Is.Empty);
    }

    [Test]
    public void Scene_ids_with_dashes_match_with_spaces_and_a_number_does_not_match_a_longer_number()
    {
        var result = ClipFileMatcher.Match(Clips, [File("First Customer 1.mp4", 4), File("opening-20.mp4")], []);
        Assert.That(Mapping(result), Is.EqualTo(new Dictionary<string, string> { ["first-customer-1"] = "First Customer 1.mp4" }));
        Assert.That(result.Unmatched.Single().File.Name, Is.EqualTo("opening-20.mp4"), "opening-20 is not opening-2, and its length is unknown");
    }

    [Test]
    public void The_longest_clip_id_in_a_name_wins()
    {
        ClipSlot[] clips = [new("b-1", 4, false), new("a-b-1", 4, false)];
        Assert.That(ClipFileMatcher.ClipIdsInName("a-b-1.mp4", clips), Is.EqualTo(new[] { "a-b-1" }));
        Assert.That(ClipFileMatcher.ClipIdsInName("B_1.mp4", clips), Is.EqualTo(new[] { "b-1" }));
    }

    [Test]
    public void Two_files_naming_one_clip_are_reported_not_guessed_between()
    {
        var result = ClipFileMatcher.Match(Clips, [File("opening-2.mp4", 4), File("opening-2 (1).mp4", 4)], []);
        Assert.That(result.Matches, Is.Empty);
        Assert.That(result.Unmatched, Has.Count.EqualTo(2));
        Assert.That(result.Unmatched[0].Reason, Does.Contain("several files name clip opening-2"));
    }

    [Test]
    public void A_manifest_places_files_without_clip_ids_and_settles_a_name_conflict()
    {
        var a = File("IMG_0001.mp4", 8);
        var b = File("IMG_0002.mp4", 4);
        var twice1 = File("opening-2.mp4", 4);
        var twice2 = File("opening-2 (1).mp4", 4);
        ManifestEntry[] manifest =
        [
            new("opening-1", a.Path, "m.csv", 2),
            new("first-customer-1", b.Path, "m.csv", 3),
            new("opening-2", twice2.Path, "m.csv", 4),
        ];
        var result = ClipFileMatcher.Match(Clips, [a, b, twice1, twice2], manifest);
        Assert.That(Mapping(result), Is.EqualTo(new Dictionary<string, string>
        {
            ["opening-1"] = "IMG_0001.mp4",
            ["opening-2"] = "opening-2 (1).mp4",
            ["first-customer-1"] = "IMG_0002.mp4",
        }));
        Assert.That(result.Matches.Select(m => m.Rule), Is.All.EqualTo(MatchRule.Manifest));
        Assert.That(result.Unmatched.Single().File.Name, Is.EqualTo("opening-2.mp4"));
    }

    [Test]
    public void In_order_by_name_sorts_numbers_as_numbers_and_fills_only_the_missing_clips()
    {
        ClipSlot[] clips = [new("a-1", 4, true), new("a-2", 4, false), new("b-1", 4, false), new("b-2", 4, false)];
        var result = ClipFileMatcher.Match(clips, [File("clip 10.mp4"), File("clip 2.mp4"), File("b-1.mp4"), File("clip 9.mp4")], [], inOrder: true);
        Assert.That(Mapping(result), Is.EqualTo(new Dictionary<string, string> { ["a-2"] = "clip 2.mp4", ["b-1"] = "b-1.mp4", ["b-2"] = "clip 9.mp4" }));
        Assert.That(result.Matches.Where(m => m.ClipId != "b-1").Select(m => m.Rule), Is.All.EqualTo(MatchRule.InOrder));
        Assert.That(result.Unmatched.Single().File.Name, Is.EqualTo("clip 10.mp4"));
        Assert.That(result.Unmatched.Single().Reason, Does.Contain("more files than missing clips"));
    }

    [Test]
    public void In_order_by_time_takes_the_oldest_download_first()
    {
        var result = ClipFileMatcher.Match(Clips, [File("x.mp4", minute: 3), File("y.mp4", minute: 1), File("z.mp4", minute: 2)], [], inOrder: true, order: FileOrder.Time);
        Assert.That(result.Matches.Select(m => m.File.Name), Is.EqualTo(new[] { "y.mp4", "z.mp4", "x.mp4" }));
        Assert.That(result.Matches.Select(m => m.ClipId), Is.EqualTo(new[] { "opening-1", "opening-2", "first-customer-1" }));
    }

    [Test]
    public void A_file_goes_to_the_clip_of_nearest_length_when_that_clip_is_the_only_one()
    {
        ClipSlot[] clips = [new("a-1", 8, false), new("a-2", 4, false)];
        var result = ClipFileMatcher.Match(clips, [File("long.mp4", 7.9), File("short.mp4", 4.2)], []);
        Assert.That(Mapping(result), Is.EqualTo(new Dictionary<string, string> { ["a-1"] = "long.mp4", ["a-2"] = "short.mp4" }));
        Assert.That(result.Matches.Select(m => m.Rule), Is.All.EqualTo(MatchRule.NearestLength));
    }

    [Test]
    public void Ambiguity_between_clips_of_the_same_length_is_reported_never_guessed()
    {
        var result = ClipFileMatcher.Match(Clips, [File("video.mp4", 4.0)], []);
        Assert.That(result.Matches, Is.Empty);
        Assert.That(result.Unmatched.Single().Reason, Does.Contain("could be any of opening-2, first-customer-1 (4 s each)").And.Contain("--in-order"));
    }

    [Test]
    public void Two_files_that_fit_one_clip_equally_are_both_reported()
    {
        ClipSlot[] clips = [new("a-1", 8, false), new("a-2", 4, true)];
        var result = ClipFileMatcher.Match(clips, [File("x.mp4", 8), File("y.mp4", 7.5)], []);
        Assert.That(result.Matches, Is.Empty);
        Assert.That(result.Unmatched.Select(u => u.Reason), Has.All.Contains("are both nearest to a-1 (8 s)"));
    }
}