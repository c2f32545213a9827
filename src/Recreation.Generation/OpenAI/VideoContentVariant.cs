namespace Recreation.Generation.OpenAI;

/// <summary>What <c>VideosClient.DownloadContentAsync</c> fetches: the MP4, a WebP thumbnail or a JPEG spritesheet.</summary>
public enum VideoContentVariant
{
    Video,
    Thumbnail,
    Spritesheet,
}