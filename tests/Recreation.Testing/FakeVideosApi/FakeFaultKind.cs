namespace Recreation.Testing.FakeVideosApi;

public enum FakeFaultKind
{
    /// <summary>An error response (5xx, 429 with Retry-After, 410, any scripted status) instead of handling the request.</summary>
    Status,

    /// <summary>The connection is closed before the request is handled: nothing happened on the server.</summary>
    DropBeforeHandling,

    /// <summary>The request is handled (a job may be created) and the connection closed instead of answering.</summary>
    DropAfterHandling,

    /// <summary>The full Content-Length is announced, part of the body sent, then the connection closed.</summary>
    TruncatedBody,

    /// <summary>A cut file sent with a Content-Length that matches it: only a media check can tell.</summary>
    CutContent,

    /// <summary>The job created by this request ends <c>failed</c> with an error code.</summary>
    FailJob,

    /// <summary>The job created by this request needs many polls.</summary>
    SlowJob,

    /// <summary>A scripted answer written by the test (a hostile server: endless bodies, redirects, odd headers), instead of handling the request.</summary>
    Respond,

    /// <summary>The request is handled (a job may be created), then its JSON answer is rewritten before it is sent.</summary>
    RewriteAnswer,

    /// <summary>The job created by this request ends without a video, removed by the service's safety filter (Veo's <c>raiMediaFilteredReasons</c>; fakes without such a state treat it as <see cref="FailJob"/>).</summary>
    FilteredJob,
}