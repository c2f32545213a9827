namespace Recreation.Generation.Http;

/// <summary>
/// The HttpClient a video service client is given: one that never follows a redirect by itself
/// (so a key never follows one to another host; see <see cref="ServiceTransport"/>), with pooled
/// connections renewed every few minutes and no overall timeout (each attempt times itself).
/// </summary>
internal static class ServiceHttpClients
{
    public static HttpClient Create() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}