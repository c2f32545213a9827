namespace Recreation.Generation.OpenAI;

/// <summary>One page of <see cref="VideosClient.ListAsync"/>; pass <see cref="LastId"/> as <c>after</c> for the next while <see cref="HasMore"/>.</summary>
public sealed record VideoList(IReadOnlyList<Video> Data, string? FirstId, string? LastId, bool HasMore);