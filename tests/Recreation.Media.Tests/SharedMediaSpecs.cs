using Recreation.Media.Audio;
using Recreation.Media.Stitching;
using Recreation.Media.Validation;
using Recreation.Testing;

namespace Recreation.Media.Tests;

/// <summary>The four real-world clips of ../shared/media: 5.1 audio, VP8 without audio, a 90° rotation, Matroska mono 44.1 kHz.</summary>
public class SharedMediaSpecs
{
    private readonly FFmpegRunner _runner = new();

    [Test, CancelAfter(90_000)]
    public async Task The_four_awkward_real_clips_stitch_into_one_valid_video(CancellationToken cancellationToken)
    {
        var folder = SharedMediaFolder.OrIgnore();

        using var temp = new TempDirectory("shared-media");
        var output = temp.File("awkward.mp4");
        string[] names = ["input_3sec.mp4", "input_3sec.webm", "input_3sec_rotation_90deg.mp4", "sampleMKV.mkv"];
        var fade = Transition.Crossfade(TimeSpan.FromSeconds(0.5));
        var request = new StitchRequest(
            names.Select(n => new StitchClip(Path.Combine(folder, n), Label: n)).ToList(),
            [fade, Transition.FadeBlack(TimeSpan.FromSeconds(0.5)), Transition.Cut],
            new StitchSettings(640, 360, FitMode.Blur, 30, LoudnessLufs: -16),
            output,
            temp.Folder("work"));

        var result = await new Stitcher(_runner).StitchAsync(request, cancellationToken: cancellationToken);

        Assert.That(result.Path, Is.EqualTo(StitchPath.OnePass));
        Assert.That(result.Reason, Is.EqualTo("the transition into input_3sec.webm is a Crossfade, which needs re-encoding"));
        // 3.0 s + 3.0 s + 3.0 s at 30 fps and the MKV's own length, less two overlaps of 15 frames.
        var mkvFrames = result.FrameCount + 30 - (3 * 90);
        Assert.That(mkvFrames, Is.InRange(165, 168), "sampleMKV.mkv lasts about 5.57 s");
        Assert.That(await MediaInspection.CountFramesAsync(output, cancellationToken), Is.EqualTo(result.FrameCount));
        var validation = await new MediaValidator(_runner).ValidateAsync(new MediaValidationRequest(output) { Decode = DecodeCheck.Full, RequireAudio = true }, cancellationToken);
        Assert.That(validation.IsValid, Is.True, validation.ToString());
        var video = result.Output.Video!;
        Assert.That((video.Codec, video.PixelFormat, video.Width, video.Height, video.FrameRate), Is.EqualTo(("h264", "yuv420p", 640, 360, (Rational)30)));
        Assert.That((result.Output.Audio!.Codec, result.Output.Audio.SampleRate, result.Output.Audio.Channels), Is.EqualTo(("aac", 48000, 2)));
        var measured = (await new LoudnessMeter(_runner).MeasureAsync(output, cancellationToken)).IntegratedLufs;
        Assert.That(measured, Is.EqualTo(-16).Within(1.0));
        Assert.That(result.Loudness!.OutputIntegratedLufs, Is.EqualTo(measured).Within(0.2), "the report states what the file measures, whichever mode loudnorm took");
    }
}