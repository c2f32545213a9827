using System.Text.Json;

using Recreation.Generation.Http;

namespace Recreation.Generation.Replicate;

/// <summary>What <c>recreate doctor</c> asks Replicate: who the token belongs to, and whether the profile's model exists.</summary>
public sealed partial class ReplicateClient
{
    /// <summary>The account's <c>username</c> (<c>GET /v1/account</c>): proves the API answers and takes the token.</summary>
    public Task<string?> AccountAsync(CancellationToken cancellationToken = default)
    {
        var url = _transport.Url("v1/account");
        return _transport.SendAsync(
            "reading the account",
            () => ServiceTransport.Get(url),
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                return document.RootElement.TryGetProperty("username", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
            },
            cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="model"/> exists: <c>GET /v1/models/{owner}/{name}</c>, and for a pinned
    /// version <c>…/versions/{id}</c>. False on 404; null for a bare version id (Replicate has no lookup
    /// of a version without its model).
    /// </summary>
    public async Task<bool?> ModelExistsAsync(ReplicateModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.FullName is null)
        {
            return null;
        }

        var url = _transport.Url(model.ByVersion ? $"v1/models/{model.Owner}/{model.Name}/versions/{model.Version}" : $"v1/models/{model.Owner}/{model.Name}");
        try
        {
            return await _transport.SendAsync($"looking up {model}", () => ServiceTransport.Get(url), (_, _) => Task.FromResult(true), cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceApiException e) when (e.StatusCode == 404)
        {
            return false;
        }
    }
}