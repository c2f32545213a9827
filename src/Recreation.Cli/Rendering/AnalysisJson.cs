using System.Text;
using System.Text.Json;

using Recreation.Generation.Describing;
using Recreation.Media.Analysis;
using Recreation.Media.Frames;
using Recreation.Pipeline.Analysis;

namespace Recreation.Cli.Rendering;

/// <summary>The JSON of <c>recreate analyze --json</c> (schema in the README, "Analyze a reference video").</summary>
internal static class AnalysisJson
{
    /// <param name="described">With <c>--describe</c>: each shot gets <c>description</c> (or null and <c>describe_warning</c>), the video a <c>describe</c> object with the model, requests and tokens.</param>
    public static string Write(VideoAnalysis analysis, IReadOnlyDictionary<int, string>? images, DescribeReport? described = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            var fps = analysis.FrameRate.ToDouble();
            json.WriteStartObject();
            json.WriteString("path", analysis.Path);
            json.WriteNumber("width", analysis.Width);
            json.WriteNumber("height", analysis.Height);
            json.WriteNumber("fps", Math.Round(fps, 6));
            json.WriteString("frame_rate", analysis.FrameRate.ToString());
            json.WriteNumber("duration", Seconds(analysis.Duration.TotalSeconds));
            json.WriteNumber("frames", analysis.FrameCount);
            json.WriteBoolean("has_audio", analysis.HasAudio);
            Nullable(json, "loudness_lufs", analysis.LoudnessLufs);
            Palette(json, analysis.Palette);
            json.WriteStartArray("shots");
            foreach (var shot in analysis.Shots)
            {
                json.WriteStartObject();
                json.WriteNumber("number", shot.Number);
                json.WriteNumber("start", Seconds(shot.Start.TotalSeconds));
                json.WriteNumber("end", Seconds(shot.End.TotalSeconds));
                json.WriteNumber("duration", Seconds(shot.Duration.TotalSeconds));
                json.WriteNumber("start_frame", shot.FirstFrame);
                json.WriteNumber("end_frame", shot.LastFrame);
                json.WriteStartObject("transition");
                json.WriteString("type", TransitionName(shot.Transition.Kind));
                if (shot.Transition.Kind != ShotTransitionKind.Start)
                {
                    json.WriteNumber("first_frame", shot.Transition.FirstFrame);
                    json.WriteNumber("last_frame", shot.Transition.LastFrame);
                    json.WriteNumber("duration", Seconds(TransitionSeconds(shot.Transition, fps)));
                }

                json.WriteEndObject();
                json.WriteStartObject("keyframes");
                foreach (var (which, frame) in new[] { ("first", shot.Keyframes.First), ("middle", shot.Keyframes.Middle), ("last", shot.Keyframes.Last) })
                {
                    json.WriteStartObject(which);
                    json.WriteNumber("frame", frame);
                    json.WriteNumber("time", Seconds(frame / fps));
                    if (images is not null && images.TryGetValue(frame, out var image))
                    {
                        json.WriteString("image", image);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
                Palette(json, shot.Palette);
                json.WriteNumber("brightness", shot.Brightness);
                json.WriteString("camera", shot.Camera.ToString().ToLowerInvariant());
                Nullable(json, "loudness_lufs", shot.LoudnessLufs);
                json.WriteBoolean("silent", shot.Silent);
                if (described is not null && described.Outcomes.TryGetValue(shot.Number, out var outcome))
                {
                    Description(json, outcome);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (described is not null)
            {
                json.WriteStartObject("describe");
                json.WriteString("model", described.Model);
                json.WriteNumber("described", described.Descriptions.Count);
                json.WriteNumber("requests", described.Usage.Requests);
                json.WriteNumber("prompt_tokens", described.Usage.PromptTokens);
                json.WriteNumber("completion_tokens", described.Usage.CompletionTokens);
                json.WriteNumber("total_tokens", described.Usage.TotalTokens);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string TransitionName(ShotTransitionKind kind) => kind switch
    {
        ShotTransitionKind.Start => "start",
        ShotTransitionKind.Cut => "cut",
        ShotTransitionKind.Dissolve => "dissolve",
        _ => "fade-black",
    };

    /// <summary>
    /// How long a crossfade that reproduces the transition lasts: its mixed frames plus one (a
    /// crossfade of n frames shows n−1 mixes between the last frame of one shot and the first of the next).
    /// </summary>
    public static double TransitionSeconds(ShotBoundary transition, double fps) =>
        transition.Kind == ShotTransitionKind.Cut ? 0 : (transition.Frames + 1) / fps;

    private static void Description(Utf8JsonWriter json, DescribeOutcome outcome)
    {
        if (outcome.Description is not { } d)
        {
            json.WriteNull("description");
            json.WriteString("describe_warning", outcome.Warning);
            return;
        }

        json.WriteStartObject("description");
        json.WriteString("text", d.Description);
        json.WriteNumber("people", d.People);
        json.WriteStartArray("interactions");
        d.Interactions.ToList().ForEach(json.WriteStringValue);
        json.WriteEndArray();
        json.WriteStartArray("characters");
        foreach (var character in d.Characters)
        {
            json.WriteStartObject();
            json.WriteString("name", character.Name);
            json.WriteString("description", character.Description);
            json.WriteStartArray("anchors");
            character.Anchors.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("lighting", d.Lighting);
        json.WriteString("framing", d.Framing);
        json.WriteEndObject();
    }

    private static void Palette(Utf8JsonWriter json, IReadOnlyList<PaletteColor> palette)
    {
        json.WriteStartArray("palette");
        foreach (var colour in palette)
        {
            json.WriteStartObject();
            json.WriteString("hex", colour.Hex);
            json.WriteNumber("weight", Math.Round(colour.Weight, 3));
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Nullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double Seconds(double value) => Math.Round(value, 6);
}