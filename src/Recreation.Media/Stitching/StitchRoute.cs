using Recreation.Media.Conforming;

namespace Recreation.Media.Stitching;

/// <summary>
/// The way a stitch goes, decided once before any encoding (<see cref="StitchRoutePlanner"/>),
/// with what it was decided on: <see cref="Reason"/> says why the clips are (not) copied as they
/// are, <see cref="NotWindowedReason"/> why transitions are re-encoded in full (null when they are
/// windowed or all cuts), <see cref="NotOnePassReason"/> why the full re-encode conforms clip by
/// clip (null when it goes in one pass). <see cref="Specs"/> and <see cref="Frames"/> are each
/// clip's conform spec and its length in frames as it is joined; <see cref="Windows"/> is the
/// windowed plan when <see cref="Path"/> is <see cref="StitchPath.Windowed"/>.
/// </summary>
internal sealed record StitchRoute(StitchPath Path, string Reason, IReadOnlyList<ConformSpec> Specs, IReadOnlyList<long> Frames)
{
    public string? NotWindowedReason { get; init; }

    public string? NotOnePassReason { get; init; }

    public WindowedJoiner.Plan? Windows { get; init; }

    /// <summary>The inputs already are intermediates of <see cref="Specs"/> (see <see cref="StitchRouteRequest.ClipsConformed"/>).</summary>
    public bool ClipsConformed { get; init; }

    /// <summary>The route once the windowed join had to give up (<paramref name="why"/>): a full re-encode, in one pass when it can be.</summary>
    public StitchRoute WithoutWindows(string why) => this with
    {
        Path = NotOnePassReason is null ? StitchPath.OnePass : StitchPath.Conform,
        NotWindowedReason = why,
        Windows = null,
    };
}