namespace Recreation.Generation;

/// <summary>The neutral outcomes of a job (a provider maps its service's states onto these).</summary>
public enum JobOutcomeKind
{
    Completed,

    /// <summary>Failed by the service, with its reason (e.g. a safety filter). Sent again only with <c>--retry-failed</c>.</summary>
    FailedByService,

    /// <summary>Refused as invalid input: sending it again unchanged would fail again; the user must fix the scene.</summary>
    RefusedAsInvalid,

    /// <summary>The job or its output expired before it was fetched. Made again only with <c>--regenerate-expired</c>.</summary>
    Expired,
}