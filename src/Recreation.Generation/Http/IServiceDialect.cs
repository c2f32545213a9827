namespace Recreation.Generation.Http;

/// <summary>What differs between services for <see cref="ServiceTransport"/>: how a request carries the key, how an error body reads, and what an error status means.</summary>
internal interface IServiceDialect
{
    /// <summary>Adds the key (and any version header) to a request for the API host.</summary>
    void Authorize(HttpRequestMessage request);

    /// <summary>Reads an error body; <see cref="ServiceError.None"/> when it is not the service's error JSON.</summary>
    ServiceError ParseError(string body);

    /// <summary>What an error answer means and what the user should do about it.</summary>
    ServiceErrorClass Classify(int status, ServiceError error);
}