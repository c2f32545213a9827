using Recreation.Generation.OpenAI;
using Recreation.Testing;

namespace Recreation.Generation.Tests.OpenAI;

[CancelAfter(10_000)]
public class ServerTextSpecs
{
    private const string Key = "sk-test-0123456789abcdefghijKLMNOP";

    [Test]
    public void A_key_straddling_the_cut_is_redacted_before_the_cut()
    {
        var text = new string('x', 190) + Key + " and more";

        var clean = new ServerText(Key).Clean(text, 200)!;

        Assert.That(SecretLeaks.Find(clean, Key), Is.Null, clean);
        Assert.That(clean, Has.Length.LessThanOrEqualTo(201));
        Assert.That(clean, Does.EndWith("…"));
    }

    [Test]
    public void Part_of_the_key_is_redacted_too_and_the_rest_of_the_text_is_kept()
    {
        var clean = new ServerText(Key).Clean($"Incorrect API key provided: {Key[..18]}. Find yours in the dashboard.")!;

        Assert.That(SecretLeaks.Find(clean, Key), Is.Null, clean);
        Assert.That(clean, Is.EqualTo("Incorrect API key provided: [redacted]. Find yours in the dashboard."));
    }

    [Test]
    public void The_key_in_another_case_or_several_times_is_redacted()
    {
        var clean = new ServerText(Key).Clean($"{Key.ToUpperInvariant()}|{Key}|{Key[5..]}")!;

        Assert.That(clean, Is.EqualTo("[redacted]|[redacted]|[redacted]"));
    }

    [Test]
    public void Control_and_invisible_characters_become_spaces_and_never_join_pieces_of_the_key()
    {
        var split = Key[..6] + "\n\u200B" + Key[6..12];

        var clean = new ServerText(Key).Clean("line one\r\n\tline two " + split)!;

        Assert.That(clean, Does.StartWith("line one line two "));
        Assert.That(clean, Does.Not.Contain("\n").And.Not.Contain("\u200B"));
        Assert.That(clean.Replace(" ", "", StringComparison.Ordinal), Does.Contain(Key[..12]), "pieces shorter than 8 characters stay apart");
        Assert.That(SecretLeaks.Find(clean, Key), Is.Null);
    }

    [Test]
    public void Text_without_the_key_is_kept_and_null_stays_null()
    {
        var text = new ServerText(Key);

        Assert.That(text.Clean("The prompt was refused by moderation."), Is.EqualTo("The prompt was refused by moderation."));
        Assert.That(text.Clean(null), Is.Null);
        Assert.That(text.ContainsSecret("video_123"), Is.False);
        Assert.That(text.ContainsSecret("video_" + Key[3..14]), Is.True);
    }
}