namespace Recreation.Testing.FakeVideosApi;

/// <summary>The calls of the Videos API, as the fake server tells them apart.</summary>
public enum FakeEndpoint
{
    Unknown,
    Create,
    Retrieve,
    List,
    Delete,
    Content,
    Remix,

    /// <summary><c>GET /v1/models</c>, which <c>recreate doctor</c> asks for the model list.</summary>
    Models,
}