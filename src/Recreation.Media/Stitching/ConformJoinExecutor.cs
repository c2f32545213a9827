using System.Globalization;

using Microsoft.Extensions.Logging;

using Recreation.Media.Conforming;
using Recreation.Media.Processes;

namespace Recreation.Media.Stitching;

/// <summary>
/// <see cref="StitchPath.Conform"/>: each clip conformed to an intermediate on its own, cores/2 at
/// a time (or taken as it is, when the route's clips are intermediates already), then the
/// intermediates joined — by concatenation when every transition is a cut, else through the
/// transition graph (<see cref="TransitionJoiner"/>).
/// </summary>
internal sealed class ConformJoinExecutor(FFmpegRunner runner, ILogger logger) : StitchExecutor(runner, logger)
{
    public override async Task<StitchResult> RunAsync(StitchJob job, StitchRoute route, CancellationToken cancellationToken)
    {
        IReadOnlyList<ConformedClip> clips;
        if (route.ClipsConformed)
        {
            clips = job.Infos.Select((info, i) => new ConformedClip(info.Path, route.Specs[i], route.Frames[i])).ToList();
        }
        else
        {
            Logger.LogInformation("Conforming each clip, then joining: {Reason}", route.NotOnePassReason);
            clips = await ConformAllAsync(job, route, cancellationToken).ConfigureAwait(false);
        }

        var joining = new PhaseProgress(job.Progress, StitchPhase.Joining);
        joining.Start();
        IReadOnlyList<string> input;
        long frames, overlap = 0;
        if (job.Transitions.All(t => t.IsCut))
        {
            input = await ConcatList.WriteAsync(job.Work.File("join.txt"), clips.Select(c => new ConcatList.Entry(c.Path, c.Duration)), cancellationToken).ConfigureAwait(false);
            frames = clips.Sum(c => c.FrameCount);
        }
        else
        {
            // The conformed lengths, not the planned ones: a detected head trim is known only now.
            var graph = TransitionGraph.Build(clips.Select(c => c.FrameCount).ToList(), job.Transitions, job.Output.Fps, job.Name);
            var joined = await new TransitionJoiner(Runner).JoinAsync(clips, graph, job.Work.File("joined" + IntermediateFormat.Extension), joining, cancellationToken).ConfigureAwait(false);
            input = new ArgumentsBuilder().Input(joined).Build();
            (frames, overlap) = (graph.TotalFrames, graph.OverlapFrames);
        }

        joining.Done();
        var target = job.Output;
        var output = new OutputJob(input, target.Path, target.Width, target.Height, target.Fps, frames, HasAudio: true, AudioIsFinal: false, target.LoudnessLufs)
        {
            Finishing = target.Finishing,
        };
        return await WriteAsync(output, job, route, overlap, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Conforms every clip, cores/2 at a time; progress is weighted by each clip's planned frames.</summary>
    private async Task<IReadOnlyList<ConformedClip>> ConformAllAsync(StitchJob job, StitchRoute route, CancellationToken cancellationToken)
    {
        var (infos, plannedFrames) = (job.Infos, route.Frames);
        var conformer = new Conformer(Runner);
        var results = new ConformedClip[infos.Count];
        var failures = new string?[infos.Count];
        var phase = new PhaseProgress(job.Progress, StitchPhase.Conforming);
        double totalFrames = plannedFrames.Sum();
        var done = new double[infos.Count];
        phase.Start();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Stitcher.ConformParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, infos.Count), options, async (i, token) =>
        {
            var clipProgress = new CallbackProgress<double>(fraction =>
            {
                lock (done)
                {
                    done[i] = fraction * plannedFrames[i];
                    phase.Report(done.Sum() / totalFrames);
                }
            });
            var output = job.Work.File(string.Create(CultureInfo.InvariantCulture, $"clip-{i:D4}{IntermediateFormat.Extension}"));
            try
            {
                results[i] = await conformer.ConformAsync(infos[i], output, route.Specs[i], clipProgress, token).ConfigureAwait(false);
            }
            catch (MediaException ex) when (!ex.IsFatal)
            {
                // One clip failing must not hide the others' outcome: collect, report all at the end.
                failures[i] = $"{job.Name(i)}: {ex.Message}";
            }
        }).ConfigureAwait(false);

        var failed = failures.OfType<string>().ToList();
        if (failed.Count > 0)
        {
            throw new MediaException($"Cannot stitch: {failed.Count} of {infos.Count} clips failed to conform:\n- " + string.Join("\n- ", failed));
        }

        phase.Done();
        return results;
    }
}