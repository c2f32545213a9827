namespace Recreation.Generation.OpenAI;

/// <summary>What <see cref="VideosClient.DownloadContentAsync"/> fetches: the MP4, a WebP thumbnail or a JPEG spritesheet.</summary>
public enum VideoContentVariant
{
    Video,
    Thumbnail,
    Spritesheet,
}