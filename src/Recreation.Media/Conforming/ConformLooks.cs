using System.Globalization;

using Recreation.Media.Frames;

namespace Recreation.Media.Conforming;

/// <summary>
/// The part of a conform's graph and outputs that measures the clip's look from the frames it
/// encodes (<see cref="Conformer.MeasureLooks"/>): the same frames <see cref="LookExtractor"/>
/// picks from the file (the first; the first at or after half the length; the last), the same
/// thumbnail filters and JPEG settings, and the same palette sampling, into a scratch folder.
/// The pictures are the encoder's input rather than its decoded output, so they differ from a
/// measurement of the file only by the encoding's loss (crf 20). A look that cannot be read is
/// null: the report then measures the file itself.
/// </summary>
internal sealed class ConformLooks : IDisposable
{
    private const int Colors = 5;
    private readonly long _frames;
    private readonly TimeSpan _duration;
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "recreation-conform-looks-" + Guid.NewGuid().ToString("N"));

    public ConformLooks(long frames, TimeSpan duration)
    {
        (_frames, _duration) = (frames, duration);
        Directory.CreateDirectory(_scratch);
    }

    /// <summary>
    /// <paramref name="input"/> → <paramref name="output"/> for the encoder, and the thumbnails'
    /// and palette's branches. Each trim ends its branch once it has its frame.
    /// </summary>
    public string Graph(string input, string output)
    {
        var scale = ThumbnailExtractor.ScaleFilter(ThumbnailExtractor.DefaultWidth);
        var middle = (_frames + 1) / 2;
        return string.Create(CultureInfo.InvariantCulture,
            $"{input}split=5{output}[look0][look1][look2][look3];"
            + $"[look0]trim=end_frame=1,{scale}[thumb0];"
            + $"[look1]trim=start_frame={middle}:end_frame={middle + 1},{scale}[thumb1];"
            + $"[look2]trim=start_frame={_frames - 1},{scale}[thumb2];"
            + $"[look3]{PaletteExtractor.SamplingFilter(_duration)}[samples]");
    }

    /// <summary>The outputs of the branches (after the intermediate's).</summary>
    public IReadOnlyList<string> Outputs =>
    [
        .. Enumerable.Range(0, 3).SelectMany(t => (string[])["-map", $"[thumb{t}]", "-frames:v", "1", .. ThumbnailExtractor.JpegOptions, Thumbnail(t)]),
        "-map", "[samples]", .. PaletteExtractor.RawOptions, Samples,
    ];

    /// <summary>What the run wrote, as the look of <paramref name="clip"/>; null when a part is missing.</summary>
    public async Task<ClipLook?> ReadAsync(string clip, CancellationToken cancellationToken)
    {
        var thumbnails = new byte[]?[3];
        for (var t = 0; t < 3; t++)
        {
            thumbnails[t] = await ThumbnailExtractor.ReadAsync(Thumbnail(t), cancellationToken).ConfigureAwait(false);
        }

        var samples = File.Exists(Samples) ? await File.ReadAllBytesAsync(Samples, cancellationToken).ConfigureAwait(false) : [];
        return thumbnails.All(t => t is not null) && samples.Length > 0
            ? new ClipLook(clip, thumbnails, ColorClustering.Cluster(samples, Colors))
            : null;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // A scratch folder left in the temp folder is harmless.
        }
    }

    private string Thumbnail(int t) => Path.Combine(_scratch, string.Create(CultureInfo.InvariantCulture, $"{t}.jpg"));

    private string Samples => Path.Combine(_scratch, "samples.rgb");
}