using Recreation.Media.Conforming;
using Recreation.Media.Probing;
using Recreation.Media.Validation;

namespace Recreation.Media.Stitching;

/// <summary>
/// The checks a stitch makes on what it was given before it decides anything: the shape of the
/// clip and transition lists, every input probed (and validated), the music bed readable, and
/// intermediates all of one conform spec. Each refusal names the input and says what to do.
/// </summary>
internal sealed class StitchInputs(FFmpegRunner runner)
{
    private readonly MediaProbe _probe = new(runner);

    /// <summary>The transitions, or all cuts when none were given; refuses an empty clip list or a wrong number of transitions.</summary>
    public static IReadOnlyList<Transition> CheckShape(int clipCount, IReadOnlyList<Transition> transitions)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        if (clipCount == 0)
        {
            throw new MediaException("There is nothing to stitch: the list of clips is empty.");
        }

        if (transitions.Count == 0)
        {
            return Enumerable.Repeat(Transition.Cut, clipCount - 1).ToList();
        }

        return transitions.Count == clipCount - 1
            ? transitions
            : throw new MediaException($"{clipCount} clips need {clipCount - 1} transitions (one into each clip after the first), or none for all cuts; {transitions.Count} were given.");
    }

    /// <summary>Every source clip validated (probed, packets counted, decoded as asked); all problems reported at once.</summary>
    public async Task<MediaInfo[]> ProbeClipsAsync(IReadOnlyList<StitchClip> clips, DecodeCheck decode, Func<int, string> name, CancellationToken cancellationToken)
    {
        var validator = new MediaValidator(runner);
        var report = await validator.ValidateAllAsync(
            clips.Select((c, i) => new MediaValidationRequest(c.Path) { Label = name(i), MinimumDuration = c.TrimTo, Decode = decode }),
            cancellationToken).ConfigureAwait(false);
        if (!report.IsValid)
        {
            throw new InvalidMediaException($"Cannot stitch: {report}", report);
        }

        return report.Files.Select(f => f.Info!).ToArray();
    }

    /// <summary>Intermediates probed with their packets listed: their keyframes decide whether transitions can be windowed.</summary>
    public async Task<MediaInfo[]> ProbeIntermediatesAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken) =>
        await Task.WhenAll(paths.Select(p => _probe.ProbeIntermediateAsync(p, cancellationToken))).ConfigureAwait(false);

    /// <summary>The first intermediate's video, once every one is known to share its conform spec.</summary>
    public static VideoStreamInfo CheckIntermediates(IReadOnlyList<MediaInfo> infos, Func<int, string> name)
    {
        var first = infos[0].Video ?? throw new MediaException($"{name(0)} has no video stream.");
        var problems = infos
            .Select((info, i) => IntermediateFormat.Mismatch(info, first.Width, first.Height, first.FrameRate) is { } why ? $"{name(i)}: {why}" : null)
            .OfType<string>()
            .ToList();
        if (problems.Count > 0)
        {
            throw new MediaException("These files are not intermediates of one conform spec, so they cannot be joined as such (conform them with Conformer, or use StitchAsync): "
                + string.Join("; ", problems) + ".");
        }

        return first;
    }

    /// <summary>A music bed must be a readable file with sound: checked before any work, so a wrong file costs nothing.</summary>
    public async Task CheckMusicAsync(Finishing finishing, CancellationToken cancellationToken)
    {
        if (finishing.Music is not { } music)
        {
            return;
        }

        MediaInfo? info = null;
        MediaProblem? problem = null;
        try
        {
            info = await _probe.ProbeAsync(music.Path, cancellationToken).ConfigureAwait(false);
            if (!info.HasAudio)
            {
                problem = new MediaProblem(MediaProblemKind.NoAudio, "the music file has no audio stream");
            }
        }
        catch (MediaException e) when (!e.IsFatal)
        {
            problem = new MediaProblem(File.Exists(music.Path) ? MediaProblemKind.NotMedia : MediaProblemKind.Missing, $"the music file cannot be read: {e.Message}");
        }

        if (problem is not null)
        {
            var report = new MediaValidationReport([new MediaValidationResult(music.Path, "music", info, [problem])]);
            throw new InvalidMediaException($"Cannot use '{music.Path}' as the music bed: {problem.Message}.", report);
        }
    }
}