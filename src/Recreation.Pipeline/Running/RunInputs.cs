using Recreation.Core.Model;
using Recreation.Core.Planning;
using Recreation.Generation;
using Recreation.Media.Frames;

namespace Recreation.Pipeline.Running;

/// <summary>
/// Builds a clip's request: its input image (the scene's reference image conformed to the exact
/// generation size, or the previous clip's last frame when chaining) and its cache key, which
/// covers the image's bytes.
/// </summary>
internal static class RunInputs
{
    public static async Task<ClipRequest> RequestForAsync(RunContext context, ClipPlan clip, CancellationToken cancellationToken)
    {
        var file = context.Scene.File;
        var size = file.Target.Size;
        var image = await InputImageAsync(context, clip, size, cancellationToken);
        var imageHash = image is null ? null : await CacheKeys.FileSha256Async(image, cancellationToken);
        var key = CacheKeys.Clip(context.Provider.Name, context.Provider.CacheVersion, file.Target.Model, size, clip.Seconds, clip.Prompt, imageHash);
        return new ClipRequest(clip.Id, clip.SceneId, clip.Shot, clip.Shots, clip.Prompt, file.Target.Model, size, clip.Seconds, image, file.Palette, key);
    }

    private static async Task<string?> InputImageAsync(RunContext context, ClipPlan clip, FrameSize size, CancellationToken cancellationToken)
    {
        // Frames are named by what they come from (the image's bytes, or the previous clip's cache
        // key) and the size, so a rerun reuses them instead of running ffmpeg again.
        var frames = new FrameExtractor(context.Runner);
        if (clip.InputImage is { } reference)
        {
            var source = await CacheKeys.FileSha256Async(reference, cancellationToken);
            var target = Path.Combine(context.Workspace.FramesFolder, $"reference-{source[..16]}-{size}.png");
            if (!File.Exists(target))
            {
                await frames.ExtractFrameAsync(reference, TimeSpan.Zero, target, size.Width, size.Height, cancellationToken);
            }

            return target;
        }

        if (clip.InputFromClip is { } previous && context.Ledger.Find(previous) is { File: { } previousFile } record)
        {
            var target = Path.Combine(context.Workspace.FramesFolder, $"last-{record.CacheKey[..16]}-{size}.png");
            if (!File.Exists(target))
            {
                await frames.ExtractLastFrameAsync(context.Workspace.Resolve(previousFile), target, size.Width, size.Height, cancellationToken);
            }

            return target;
        }

        return null;
    }
}