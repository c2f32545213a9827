using Microsoft.Extensions.Logging;

using Recreation.Media.Audio;
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
        var measured = await MeasureAsync(job, progress, cancellationToken).ConfigureAwait(false);
        var target = Path.GetFullPath(job.OutputPath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = PartialFile.PathFor(target);
        var normalize = measured is { IsSilent: false } && job.LoudnessLufs is not null;

        var arguments = new ArgumentsBuilder().AddRange(job.Input);
        if (!job.HasAudio)
        {
            arguments.Add("-f", "lavfi").Add("-i", "anullsrc=r=48000:cl=stereo");
        }

        arguments.Add("-map", "0:v:0").Add("-map", job.HasAudio ? "0:a:0" : "1:a:0").Add("-c:v", "copy");
        if (job.AudioIsFinal && !normalize)
        {
            arguments.Add("-c:a", "copy");
        }
        else
        {
            // A fast-path join may leave gaps between clips' audio: async=1 fills them so sound stays in sync.
            var filters = new List<string> { "aresample=48000:async=1" };
            if (normalize)
            {
                filters.Add(LoudnessMeter.SecondPassFilter(measured!, job.LoudnessLufs!.Value));
            }

            arguments.Add("-af", string.Join(',', filters))
                .Add("-c:a", "aac").Add("-b:a", "192k").Add("-ar", "48000").Add("-ac", "2");
        }

        arguments.Add("-t", job.Duration)
            .Add("-map_metadata", "-1")
            .Add("-movflags", "+faststart")
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
                null => null,
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
            PartialFile.Commit(partial, target);
            return (loudness, output with { Path = target });
        }
        catch
        {
            PartialFile.TryDelete(partial);
            throw;
        }
    }

    private async Task<LoudnessMeasurement?> MeasureAsync(OutputJob job, IProgress<StitchProgress>? progress, CancellationToken cancellationToken)
    {
        if (job.LoudnessLufs is not { } target)
        {
            return null;
        }

        if (!job.HasAudio)
        {
            logger.LogInformation("Loudness normalisation skipped: the clips have no audio, the output gets silence");
            return new LoudnessMeasurement(double.NegativeInfinity, double.NegativeInfinity, 0, -70, 0);
        }

        var phase = new PhaseProgress(progress, StitchPhase.MeasuringLoudness);
        phase.Start();
        var measured = await _meter.MeasureAsync(job.Input, target, job.Duration, phase, cancellationToken).ConfigureAwait(false);
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
}