using System.Text.Json.Nodes;

namespace Recreation.Testing.FakeVideosApi;

/// <summary>An error answer of the fake server, thrown by its handlers and written as the API's error body.</summary>
internal sealed class FakeApiError(int statusCode, string message, string? param = null, string? code = null, string type = "invalid_request_error")
    : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string? Param { get; } = param;

    public string? Code { get; } = code;

    public string Type { get; } = type;

    public static JsonObject Body(string message, string? type, string? param, string? code) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = type,
            ["param"] = param,
            ["code"] = code,
        },
    };

    public JsonObject Body() => Body(Message, Type, Param, Code);

    public static FakeApiError NotFound(string id) =>
        new(404, $"Video with id '{id}' not found.", "video_id", "video_not_found");
}