using Microsoft.Extensions.Logging;

using Recreation.Media.Audio;
using Recreation.Media.Files;
using Recreation.Media.Probing;
using Recreation.Media.Processes;

namespace Recreation.Media.Stitching;

/// <summary>
/// The last step of every stitch: optional loudness pass 1, then one run that copies the video,
/// encodes the audio to AAC once (with loudnorm pass 2), writes MP4 with +faststart under a temp
/// name, verifies it and renames it into place.
/// </summary>
internal sealed class OutputWriter(FFmpegRunner runner, ILogger logger)
{
    private readonly MediaProbe _probe = new(runner);
    private readonly LoudnessMeter _meter = new(runner);

    public async Task<(LoudnessReport? Loudness, MediaInfo Output)> WriteAsync(OutputJob job, IProgress<StitchProgress>? progress, CancellationToken cancellationToken)
    {
        var sources = Sources.For(job);
        var measured = job.AppliedLoudness is null ? await MeasureAsync(job, sources, progress, cancellationToken).ConfigureAwait(false) : null;
        var target = Path.GetFullPath(job.OutputPath);
        (LoudnessReport? Loudness, MediaInfo Output) written = default;
        await AtomicFile.ProduceAsync(target, async partial =>
        {
            written = await EncodeAsync(job, sources, measured, partial, target, progress, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        return written;
    }

    /// <summary>The final encode into <paramref name="partial"/>, checked; the caller renames it into place.</summary>
    private async Task<(LoudnessReport? Loudness, MediaInfo Output)> EncodeAsync(
        OutputJob job, Sources sources, LoudnessMeasurement? measured, string partial, string target, IProgress<StitchProgress>? progress, CancellationToken cancellationToken)
    {
        var normalize = measured is { IsSilent: false } && job.LoudnessLufs is not null;
        var finishing = job.Finishing;
        var chaptersFile = partial + ".chapters.txt";

        var arguments = new ArgumentsBuilder().AddRange(sources.Inputs);
        if (finishing.Chapters.Count > 0)
        {
            await AtomicFile.WriteAllTextAsync(chaptersFile, FinishingFilters.ChapterMetadata(finishing.Chapters), cancellationToken).ConfigureAwait(false);
            arguments.Add("-f", "ffmetadata").Input(chaptersFile);
        }

        arguments.Add("-map", "0:v:0");
        if (finishing.BurnedCaptionsPath is { } captions)
        {
            // Drawing captions changes every frame: the video is encoded once more, with the intermediates' settings.
            arguments.Add("-vf", FinishingFilters.BurnCaptions(captions) + ",format=yuv420p").AddRange(Conforming.IntermediateFormat.VideoEncoder(job.Fps));
        }
        else
        {
            arguments.Add("-c:v", "copy");
        }

        var loudnorm = normalize ? LoudnessMeter.SecondPassFilter(measured!, job.LoudnessLufs!.Value) : null;
        if (sources.MixGraph is { } mix)
        {
            var tail = loudnorm is null ? "anull" : loudnorm;
            arguments.Add("-filter_complex", $"{mix};{FinishingFilters.MixOut}{tail}[aout]").Add("-map", "[aout]");
            AddAudioEncoder(arguments);
        }
        else if ((job.AudioIsFinal && !normalize) || job.AppliedLoudness is not null)
        {
            arguments.Add("-map", sources.Voice).Add("-c:a", "copy");
        }
        else
        {
            // A fast-path join may leave gaps between clips' audio: async=1 fills them so sound stays in sync.
            var filters = new List<string> { "aresample=48000:async=1" };
            if (loudnorm is not null)
            {
                filters.Add(loudnorm);
            }

            arguments.Add("-map", sources.Voice).Add("-af", string.Join(',', filters));
            AddAudioEncoder(arguments);
        }

        arguments.Add("-t", job.Duration);
        if (finishing.Chapters.Count > 0)
        {
            // Metadata comes from the chapters file only (it has no global tags, so nothing of the clips' leaks through).
            var index = sources.InputCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
            arguments.Add("-map_metadata", index).Add("-map_chapters", index);
        }
        else
        {
            arguments.Add("-map_metadata", "-1");
        }

        arguments.Add("-movflags", "+faststart")
            .Add("-f", "mp4")
            .Output(partial);

        var encoding = new PhaseProgress(progress, StitchPhase.Encoding);
        encoding.Start();
        var command = MediaCommand.FFmpeg(arguments.Build(), $"writing '{target}'").WithProgress(encoding, job.Duration) with
        {
            OutputPath = partial,
            LogLevel = normalize ? "info" : "error", // loudnorm prints its JSON at info level
        };
        try
        {
            var result = await runner.RunAsync(command, cancellationToken).ConfigureAwait(false);
            var loudness = measured switch
            {
                null => job.AppliedLoudness,
                { IsSilent: true } => new LoudnessReport(job.LoudnessLufs!.Value, measured, "skipped (silent)", null),
                _ => LoudnessMeter.SecondPassReport(result.StandardError, measured, job.LoudnessLufs!.Value),
            };
            if (loudness is { NormalizationType: not "linear" } && normalize)
            {
                // In dynamic mode loudnorm's own output estimate can be more than 1 LU off (-15.1
                // reported for a file that measures -14.2): report what the written file measures.
                var written = await _meter.MeasureAsync(partial, cancellationToken).ConfigureAwait(false);
                loudness = loudness with { OutputIntegratedLufs = written.IntegratedLufs };
            }
            var output = await VerifyAsync(partial, target, job, cancellationToken).ConfigureAwait(false);
            return (loudness, output with { Path = target });
        }
        finally
        {
            AtomicFile.TryDelete(chaptersFile);
        }
    }

    private static void AddAudioEncoder(ArgumentsBuilder arguments) => arguments.AddRange(AacEncoder.Arguments);

    private async Task<LoudnessMeasurement?> MeasureAsync(OutputJob job, Sources sources, IProgress<StitchProgress>? progress, CancellationToken cancellationToken)
    {
        if (job.LoudnessLufs is not { } target)
        {
            return null;
        }

        if (!job.HasAudio && sources.MixGraph is null)
        {
            logger.LogInformation("Loudness normalisation skipped: the clips have no audio, the output gets silence");
            return new LoudnessMeasurement(double.NegativeInfinity, double.NegativeInfinity, 0, -70, 0);
        }

        var phase = new PhaseProgress(progress, StitchPhase.MeasuringLoudness);
        phase.Start();
        var measured = sources.MixGraph is { } mix
            ? await _meter.MeasureAsync(sources.Inputs, target, job.Duration, phase, cancellationToken, mix, FinishingFilters.MixOut).ConfigureAwait(false)
            : await _meter.MeasureAsync(job.AudioInput ?? job.Input, target, job.Duration, phase, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Measured loudness {IntegratedLufs} LUFS, true peak {TruePeakDbtp} dBTP, range {RangeLu} LU; target {TargetLufs} LUFS",
            measured.IntegratedLufs, measured.TruePeakDbtp, measured.LoudnessRangeLu, target);
        phase.Done();
        return measured;
    }

    private async Task<MediaInfo> VerifyAsync(string partial, string target, OutputJob job, CancellationToken cancellationToken)
    {
        var info = await _probe.ProbeAsync(partial, cancellationToken).ConfigureAwait(false);
        var problems = OutputVerifier.Problems(info, job);
        if (problems.Count > 0)
        {
            throw new MediaException($"The stitched video for '{target}' failed its final check: {string.Join("; ", problems)}. "
                + "Nothing was written to the output path. This points to a clip ffmpeg joins wrongly: run `recreate stitch` on fewer clips to find it, and report it.")
            { FilePath = target };
        }

        return info;
    }

    /// <summary>
    /// The inputs of the final step: the joined clips (0), stereo silence when they have no audio,
    /// the music bed looped without end; <see cref="Voice"/> is the clips' audio, and
    /// <see cref="MixGraph"/> the music mix when there is music.
    /// </summary>
    private sealed record Sources(IReadOnlyList<string> Inputs, int InputCount, string Voice, string? MixGraph)
    {
        public static Sources For(OutputJob job)
        {
            var inputs = new ArgumentsBuilder().AddRange(job.Input);
            var count = 1;
            var voice = "0:a:0";
            if (job.AudioInput is { } audio)
            {
                inputs.AddRange(audio);
                voice = $"{count++}:a:0";
            }
            else if (!job.HasAudio)
            {
                inputs.Add("-f", "lavfi").Add("-i", "anullsrc=r=48000:cl=stereo");
                voice = $"{count++}:a:0";
            }

            string? mix = null;
            if (job.Finishing.Music is { } music)
            {
                inputs.Add("-stream_loop", "-1").Input(music.Path);
                mix = FinishingFilters.MusicMix(voice, $"{count++}:a:0", music, job.Duration);
            }

            return new Sources(inputs.Build(), count, voice, mix);
        }
    }
}