using System.Globalization;

using Recreation.Core.Model;

namespace Recreation.Generation.Gemini;

/// <summary>
/// What Veo 3.1 on the Gemini API accepts, as a pure mapping from a clip's size and length (checked
/// against ai.google.dev/gemini-api/docs/video and python-genai, December 2026): 4, 6 or 8 seconds;
/// 16:9 or 9:16; 720p or 1080p, and 4k except on the lite model; 1080p and 4k only at 8 seconds.
/// Assumed, not documented: the exact pixel sizes delivered (1280x720, 1920x1080, 3840x2160 and
/// their portrait turns) and that every Veo 3.1 model takes a last frame.
/// </summary>
public static class VeoRules
{
    public static IReadOnlyList<int> Durations { get; } = [4, 6, 8];

    /// <summary>Whether the model takes <c>lastFrame</c> (all Veo 3.1 models, as far as the docs say).</summary>
    public static bool TakesLastFrame(string model) => model.StartsWith("veo-3.1", StringComparison.Ordinal);

    /// <summary>The parameters for <paramref name="size"/> and <paramref name="seconds"/>, or the reason the model cannot make it.</summary>
    public static VeoParameters Map(string model, FrameSize size, int seconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(model);
        if (!Durations.Contains(seconds))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Veo makes clips of 4, 6 or 8 seconds, not {seconds}."), nameof(seconds));
        }

        var (longSide, shortSide) = size.Width >= size.Height ? (size.Width, size.Height) : (size.Height, size.Width);
        var resolution = (longSide, shortSide) switch
        {
            (1280, 720) => "720p",
            (1920, 1080) => "1080p",
            (3840, 2160) => "4k",
            _ => throw new ArgumentException($"Veo makes 1280x720, 1920x1080 or 3840x2160 (or portrait: 720x1280, 1080x1920, 2160x3840), not {size}.", nameof(size)),
        };
        if (size.Width == size.Height)
        {
            throw new ArgumentException($"Veo makes 16:9 or 9:16 clips, not square ones ({size}).", nameof(size));
        }

        if (resolution == "4k" && model.Contains("lite", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{model} does not make 4k clips: use 1280x720 or 1920x1080.", nameof(size));
        }

        if (resolution != "720p" && seconds != 8)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Veo makes {resolution} clips only 8 seconds long, not {seconds}: use 8 seconds or 720p."), nameof(seconds));
        }

        return new VeoParameters(size.Width > size.Height ? "16:9" : "9:16", resolution, seconds);
    }
}