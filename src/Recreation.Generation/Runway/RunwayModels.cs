using System.Globalization;

using Recreation.Core.Model;

namespace Recreation.Generation.Runway;

/// <summary>
/// What each Runway video model accepts (runwayml/sdk-python's request types, July 2026): which
/// endpoints, ratios and durations, whether an input image is required and whether a last frame is
/// taken. A clip's size is sent as the ratio <c>W:H</c>, so a profile's sizes must be among the
/// model's ratios. Assumed: gen4_turbo takes 2–10 s like gen4.5 (its type only says "int").
/// </summary>
public static class RunwayModels
{
    private static readonly string[] Gen4ImageRatios = ["1280:720", "720:1280", "1104:832", "832:1104", "960:960", "1584:672"];
    private static readonly string[] VeoRatios = ["1280:720", "720:1280", "1080:1920", "1920:1080"];
    private static readonly int[] TwoToTen = [2, 3, 4, 5, 6, 7, 8, 9, 10];

    private static readonly Dictionary<string, RunwayModelRules> Known = new(StringComparer.Ordinal)
    {
        ["gen4_turbo"] = new("gen4_turbo", RequiresImage: true, TakesLastFrame: false, Gen4ImageRatios, [], TwoToTen),
        ["gen4.5"] = new("gen4.5", RequiresImage: false, TakesLastFrame: false, Gen4ImageRatios, ["1280:720", "720:1280"], TwoToTen),
        ["veo3.1"] = new("veo3.1", RequiresImage: false, TakesLastFrame: true, VeoRatios, VeoRatios, [4, 6, 8]),
        ["veo3.1_fast"] = new("veo3.1_fast", RequiresImage: false, TakesLastFrame: true, VeoRatios, VeoRatios, [4, 6, 8]),
        ["veo3"] = new("veo3", RequiresImage: false, TakesLastFrame: false, VeoRatios, VeoRatios, [8]),
    };

    /// <summary>The rules for a model Runway documents, or null for one this client does not know (sent as asked; the service decides).</summary>
    public static RunwayModelRules? Find(string model) => Known.GetValueOrDefault(model);

    /// <summary>Whether <paramref name="model"/> makes nothing without an input image (gen4_turbo).</summary>
    public static bool RequiresImage(string model) => Find(model)?.RequiresImage == true;

    public static string Ratio(FrameSize size) => string.Create(CultureInfo.InvariantCulture, $"{size.Width}:{size.Height}");
}