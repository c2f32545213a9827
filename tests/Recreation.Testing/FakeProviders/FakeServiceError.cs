namespace Recreation.Testing.FakeProviders;

/// <summary>An error answer of a fake service, thrown by its handlers and written in the service's error format.</summary>
internal sealed class FakeServiceError(int statusCode, string message, string? code = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>Google's status name (<c>INVALID_ARGUMENT</c>) or Runway's code, written where the service writes one.</summary>
    public string? Code { get; } = code;
}