using Recreation.Core;
using Recreation.Generation.Gemini;
using Recreation.Generation.Runway;

namespace Recreation.Generation.Tests;

public class ServiceClientOptionsSpecs
{
    [Test]
    public void The_defaults_are_the_service_roots_as_the_sdks_take_them()
    {
        Assert.That(new GeminiOptions().BaseUrl, Is.EqualTo("https://generativelanguage.googleapis.com"));
        Assert.That(new RunwayOptions().BaseUrl, Is.EqualTo("https://api.dev.runwayml.com"));
        Assert.That(new RunwayOptions().ApiVersion, Is.EqualTo("2024-11-06"));
    }

    [Test]
    public void The_download_cap_follows_the_clip_length_and_an_unknown_length_gets_a_minute()
    {
        var options = new RunwayOptions { MaxVideoBitrate = 8_000_000, DownloadSlackBytes = 1000 };

        Assert.That(options.MaxDownloadBytesFor(2), Is.EqualTo(2_001_000));
        Assert.That(options.MaxDownloadBytesFor(90), Is.EqualTo(90_001_000), "a clip longer than a minute is not cut short");
        Assert.That(options.MaxDownloadBytesFor(0), Is.EqualTo(60_001_000));
        Assert.That(options.MaxDownloadBytesFor(double.NaN), Is.EqualTo(60_001_000));
        Assert.That(options.MaxDownloadBytes, Is.EqualTo(60_001_000));
    }

    [Test]
    public void A_base_url_with_the_version_path_is_refused_naming_the_setting()
    {
        var errors = new GeminiOptions { BaseUrl = "https://generativelanguage.googleapis.com/v1beta", ApiKey = "k" }.Validate();

        Assert.That(errors, Has.Count.EqualTo(1));
        Assert.That(errors[0], Does.Contain("/v1beta").And.Contain("RECREATION_Gemini__BaseUrl"));
    }

    [Test]
    public void Every_problem_is_listed_each_naming_what_to_set()
    {
        var options = new RunwayOptions { BaseUrl = "ftp://x", ApiKey = " ", PollInterval = TimeSpan.Zero, MaxRetryAttempts = -1 };

        var errors = options.Validate();

        Assert.That(errors, Has.Count.EqualTo(4));
        Assert.That(errors, Has.Some.Contains("RUNWAYML_API_SECRET"));
        Assert.That(errors, Has.Some.Contains("RECREATION_Runway__BaseUrl"));
        var thrown = Assert.Throws<RecreationException>(options.ThrowIfInvalid);
        Assert.That(thrown!.ExitCode, Is.EqualTo(ExitCodes.InvalidInput));
    }

    [Test]
    public void The_key_never_shows_in_the_options_text()
    {
        var options = new GeminiOptions { ApiKey = "AIzaSecret123" };

        Assert.That(options.ToString(), Does.Not.Contain("AIzaSecret123").And.Contain("ApiKey=(set)"));
    }
}