using System.Globalization;

using Recreation.Generation.Describing;
using Recreation.Media.Analysis;
using Recreation.Media.Frames;

namespace Recreation.Pipeline.Analysis;

/// <summary>
/// Describes every shot of an analysis, one after the other (so a person named in one shot is
/// offered to the next by name): its first, middle and last keyframes made into small JPEGs, sent
/// by <see cref="ChatDescriber"/>. A bad answer for one shot is a warning and the next shot goes on;
/// a fatal one (a refused key, an unknown model) stops the rest, which keep their draft text.
/// </summary>
public sealed class ShotDescriber(ChatDescriber describer, JpegThumbnail thumbnails, DescribeOptions options)
{
    /// <param name="keyframes">The keyframe images by frame number (<see cref="KeyframeWriter"/>).</param>
    /// <param name="progress">Receives one line per shot, for stderr.</param>
    public async Task<DescribeReport> DescribeAsync(VideoAnalysis analysis, IReadOnlyDictionary<int, string> keyframes, Action<string>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(keyframes);
        var outcomes = new SortedDictionary<int, DescribeOutcome>();
        var usage = ChatUsage.None;
        var known = new List<ShotCharacter>();
        DescribeOutcome? fatal = null;
        foreach (var shot in analysis.Shots)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"shot {shot.Number}/{analysis.Shots.Count}");
            if (fatal is not null)
            {
                outcomes[shot.Number] = new DescribeOutcome(null, "not described: describing stopped after the error above", ChatUsage.None, IsFatal: false);
                continue;
            }

            var images = new List<byte[]>();
            foreach (var frame in new[] { shot.Keyframes.First, shot.Keyframes.Middle, shot.Keyframes.Last }.Distinct())
            {
                images.Add(await thumbnails.CreateAsync(keyframes[frame], options.ImageMaxSide, options.ImageMaxBytes, cancellationToken).ConfigureAwait(false));
            }

            var request = new ShotDescriptionRequest(shot.Number, analysis.Shots.Count, shot.Duration.TotalSeconds, shot.Camera.ToString().ToLowerInvariant(), images, known.ToArray());
            var outcome = await describer.DescribeAsync(request, cancellationToken).ConfigureAwait(false);
            outcomes[shot.Number] = outcome;
            usage = usage.Add(outcome.Usage);
            var cost = string.Create(CultureInfo.InvariantCulture, $"{outcome.Usage.Requests} request(s), {outcome.Usage.PromptTokens}+{outcome.Usage.CompletionTokens} tokens");
            if (outcome.Description is { } description)
            {
                foreach (var character in description.Characters.Where(c => known.All(k => !string.Equals(k.Name, c.Name, StringComparison.OrdinalIgnoreCase))))
                {
                    known.Add(character);
                }

                progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"Described {label}: {description.People} people, {description.Interactions.Count} interactions ({cost})"));
            }
            else
            {
                progress?.Invoke($"warning: {label} not described ({cost}): {outcome.Warning}");
                fatal = outcome.IsFatal ? outcome : null;
            }
        }

        return new DescribeReport(describer.Model, outcomes, usage);
    }
}