namespace Recreation.Media.Stitching;

/// <summary>Turns a run's 0..1 progress into <see cref="StitchProgress"/> of one phase.</summary>
internal sealed class PhaseProgress(IProgress<StitchProgress>? sink, StitchPhase phase) : IProgress<double>
{
    public void Report(double value) => sink?.Report(new StitchProgress(phase, value));

    public void Start() => Report(0);

    public void Done() => Report(1);
}