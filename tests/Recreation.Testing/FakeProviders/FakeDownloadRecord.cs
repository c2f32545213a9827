namespace Recreation.Testing.FakeProviders;

/// <summary>
/// One request to a fake download host, as it arrived: whether it carried any credential (an
/// <c>Authorization</c> or <c>x-goog-api-key</c> header, a <c>key</c> query parameter, or the API key
/// anywhere in its headers or query), the status answered (0 = dropped) and the fault applied.
/// </summary>
public sealed record FakeDownloadRecord(int Number, string PathAndQuery, bool HadAuthorization, bool HadGoogApiKey, bool KeyInQuery, bool CarriedApiKey, int StatusCode, FakeVideosApi.FakeFault? Fault)
{
    public bool CarriedCredential => HadAuthorization || HadGoogApiKey || KeyInQuery || CarriedApiKey;
}