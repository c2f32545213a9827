using System.Text;
using System.Text.Json.Nodes;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>
/// How a LiteLLM proxy in front of Vertex AI Veo answers on the Videos API routes
/// (<see cref="FakeVideosApiOptions.LiteLlmVeo"/>), as read in BerriAI/litellm's source:
/// <list type="bullet">
/// <item>ids are <c>video_</c> + base64 of <c>litellm:custom_llm_provider:vertex_ai;model_id:…;video_id:&lt;operation name&gt;</c>
/// (<c>litellm/types/videos/utils.py</c>, <c>encode_video_id_with_provider</c>); a Vertex operation
/// name is <c>projects/…/locations/…/publishers/google/models/…/operations/…</c>, so the id is ~300 characters;</item>
/// <item>a running job is <c>processing</c>, then <c>completed</c> or <c>failed</c>
/// (<c>litellm/llms/vertex_ai/videos/transformation.py</c>, <c>transform_video_status_retrieve_response</c>);</item>
/// <item>the video object has no <c>progress</c>, <c>size</c>, <c>seconds</c> or <c>prompt</c>;</item>
/// <item>the list is not supported (<c>transform_video_list_request</c> raises NotImplementedError) and
/// <c>Idempotency-Key</c> is not passed on.</item>
/// </list>
/// </summary>
internal static class FakeLiteLlm
{
    private const string Prefix = "video_";
    private const int StoreIdLength = 38;

    /// <summary>The proxy's id for one of the store's jobs. Ids whose base64 would hold a '/' cannot be routed (by LiteLLM either), so the store's id is padded until it has none.</summary>
    public static string Encode(string storeId, string model)
    {
        for (var pad = ""; ; pad += "0")
        {
            var text = $"litellm:custom_llm_provider:vertex_ai;model_id:{model};video_id:projects/recreation-fake-project/locations/us-central1/publishers/google/models/{model}/operations/{storeId}{pad}";
            var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            if (!encoded.Contains('/', StringComparison.Ordinal))
            {
                return Prefix + encoded;
            }
        }
    }

    /// <summary>The store's id inside a proxy id; an id that is not one stays as it is (and is then not found).</summary>
    public static string Decode(string id)
    {
        if (!id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return id;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(id[Prefix.Length..]));
            var operations = text.LastIndexOf("/operations/", StringComparison.Ordinal);
            return operations < 0 ? id : StoreId(text[(operations + "/operations/".Length)..]);
        }
        catch (FormatException)
        {
            return id;
        }
    }

    /// <summary>A store id is "video_" + 32 hex characters (<see cref="FakeVideoStore"/>); the padding after it is dropped.</summary>
    private static string StoreId(string tail) => tail.Length > StoreIdLength ? tail[..StoreIdLength] : tail;

    /// <summary>A video object as the proxy shapes it.</summary>
    public static JsonObject Rewrite(JsonObject video)
    {
        var id = (string)video["id"]!;
        var model = (string)video["model"]!;
        var status = (string)video["status"]!;
        return new JsonObject
        {
            ["id"] = Encode(id, model),
            ["object"] = "video",
            ["status"] = status is "queued" or "in_progress" ? "processing" : status,
            ["model"] = model,
            ["created_at"] = video["created_at"]?.DeepClone(),
            ["error"] = video["error"]?.DeepClone(),
        };
    }

    /// <summary>What the proxy answers to <c>GET /videos</c> for Veo: LiteLLM's error body around the provider's NotImplementedError.</summary>
    public static FakeApiError ListNotSupported() =>
        new(500, "litellm.APIConnectionError: Video list is not supported by Vertex AI Veo. Use the operations endpoint directly if you need to list operations.", "None", "500", "None");
}