using Microsoft.Extensions.Logging;

using Recreation.Media.Audio;
using Recreation.Media.Processes;

namespace Recreation.Media.Stitching;

/// <summary>
/// The joined soundtrack made in runs of its own, while another run encodes the picture: an
/// audio-only graph over the clips (conform + crossfades, ending in <see cref="TransitionGraph.AudioOut"/>)
/// is written once to PCM while <c>ebur128</c> measures it (pass 1), then the PCM is normalised
/// (pass 2: one linear gain, or loudnorm's dynamic mode) and encoded to AAC (the final audio;
/// the output step copies it).
/// With a music bed the PCM is handed over as it is: the output step mixes, measures and encodes.
/// </summary>
internal sealed class Soundtrack(FFmpegRunner runner, ILogger logger)
{
    private readonly LoudnessMeter _meter = new(runner);

    /// <summary>The audio input for <see cref="OutputJob.AudioInput"/>, and the loudness applied when it is final.</summary>
    public sealed record Result(IReadOnlyList<string> Input, bool IsFinal, LoudnessReport? Applied);

    /// <param name="lastToFinish">
    /// The picture is made faster than the sound (windowed): a long soundtrack's AAC is then
    /// encoded as two halves at once (<see cref="SplitAacEncoder"/>). Next to a full picture
    /// encode the sound finishes long before, and the split would only take CPU from the picture.
    /// </param>
    public async Task<Result> MakeAsync(
        IReadOnlyList<string> inputs, string graph, TimeSpan duration, double? loudnessLufs, bool leaveToOutput, WorkFolder work,
        IProgress<double>? progress, CancellationToken cancellationToken, bool lastToFinish = false)
    {
        if (loudnessLufs is null && !leaveToOutput)
        {
            // Nothing to measure: encode the final audio straight from the graph.
            var direct = work.File("soundtrack.m4a");
            await RunAsync(inputs, graph, TransitionGraph.AudioOut, AacEncoder.Arguments, direct, "ipod", duration, progress, "error", cancellationToken).ConfigureAwait(false);
            return new Result(new ArgumentsBuilder().Input(direct).Build(), IsFinal: true, Applied: null);
        }

        var pcm = work.File("soundtrack.wav");
        var measure = loudnessLufs is not null && !leaveToOutput;
        var tail = measure ? $";{TransitionGraph.AudioOut}{LoudnessMeter.FirstPassFilter}[measured]" : string.Empty;
        var written = await RunAsync(inputs, graph + tail, measure ? "[measured]" : TransitionGraph.AudioOut, ["-c:a", "pcm_s16le", "-ar", "48000", "-ac", "2"], pcm, "wav", duration,
            measure ? null : progress, measure ? "info" : "error", cancellationToken).ConfigureAwait(false);
        var pcmInput = new ArgumentsBuilder().Input(pcm).Build();
        if (!measure)
        {
            return new Result(pcmInput, IsFinal: false, Applied: null);
        }

        var target = loudnessLufs!.Value;
        var measured = Ebur128Summary.Parse(written.StandardError);
        if (!measured.IsSilent && !LoudnessMeter.WouldBeLinear(measured, target))
        {
            // loudnorm will go dynamic: it needs its own pass 1 (see LoudnessMeter.MeasureAsync).
            measured = await _meter.MeasureAsync(pcmInput, target, duration, progress: null, cancellationToken).ConfigureAwait(false);
        }

        logger.LogInformation("Measured loudness {IntegratedLufs} LUFS, true peak {TruePeakDbtp} dBTP, range {RangeLu} LU; target {TargetLufs} LUFS",
            measured.IntegratedLufs, measured.TruePeakDbtp, measured.LoudnessRangeLu, target);
        var final = work.File("soundtrack.m4a");
        var filter = measured.IsSilent ? null : LoudnessMeter.SecondPassFilter(measured, target);
        var stderr = string.Empty;
        // A linear gain (or none) works sample by sample, so the two halves of a split encode get
        // exactly the sound one run would; loudnorm's dynamic mode carries state and is never split.
        var split = lastToFinish && SplitAacEncoder.IsWorthwhile(duration) && (measured.IsSilent || LoudnessMeter.WouldBeLinear(measured, target))
            && await TrySplitAsync(pcm, filter, duration, final, cancellationToken).ConfigureAwait(false);
        if (!split)
        {
            var arguments = new ArgumentsBuilder().AddRange(pcmInput).Add("-map", "0:a:0");
            if (filter is not null)
            {
                arguments.Add("-af", filter);
            }

            arguments.AddRange(AacEncoder.Arguments).Add("-t", duration).Add("-f", "ipod").Output(final);
            var command = MediaCommand.FFmpeg(arguments.Build(), "normalising the soundtrack") with { OutputPath = final, LogLevel = "info" };
            stderr = (await runner.RunAsync(command, cancellationToken).ConfigureAwait(false)).StandardError;
        }

        progress?.Report(1);
        LoudnessReport report;
        if (measured.IsSilent)
        {
            report = new LoudnessReport(target, measured, "skipped (silent)", null);
        }
        else
        {
            report = LoudnessMeter.SecondPassReport(stderr, measured, target);
            if (report.NormalizationType != "linear")
            {
                // As OutputWriter: in dynamic mode report what the file measures, not loudnorm's estimate.
                report = report with { OutputIntegratedLufs = (await _meter.MeasureAsync(final, cancellationToken).ConfigureAwait(false)).IntegratedLufs };
            }
        }

        return new Result(new ArgumentsBuilder().Input(final).Build(), IsFinal: true, report);
    }

    /// <summary>The split encode, or false (and one run) when it could not splice or failed: it is only ever a speed-up.</summary>
    private async Task<bool> TrySplitAsync(string pcm, string? filter, TimeSpan duration, string final, CancellationToken cancellationToken)
    {
        try
        {
            var spliced = await new SplitAacEncoder(runner).TryEncodeAsync(pcm, filter, duration, final, cancellationToken).ConfigureAwait(false);
            if (!spliced)
            {
                logger.LogInformation("The soundtrack's halves had no frame to splice on; encoding it in one run");
            }

            return spliced;
        }
        catch (MediaException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Encoding the soundtrack in two halves failed ({Reason}); encoding it in one run", ex.Message);
            File.Delete(final);
            return false;
        }
    }

    private Task<MediaCommandResult> RunAsync(
        IReadOnlyList<string> inputs, string graph, string map, IReadOnlyList<string> encoder, string output, string format, TimeSpan duration,
        IProgress<double>? progress, string logLevel, CancellationToken cancellationToken)
    {
        var arguments = new ArgumentsBuilder()
            .AddRange(inputs)
            .Add("-filter_complex", graph)
            .Add("-map", map)
            .AddRange(encoder)
            .Add("-t", duration)
            .Add("-f", format)
            .Output(output)
            .Build();
        var command = MediaCommand.FFmpeg(arguments, "joining the clips' audio").WithProgress(progress, duration) with { OutputPath = output, LogLevel = logLevel };
        return runner.RunAsync(command, cancellationToken);
    }
}