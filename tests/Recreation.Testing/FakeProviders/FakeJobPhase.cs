namespace Recreation.Testing.FakeProviders;

/// <summary>Where a fake provider job is in its life, whatever the service calls it.</summary>
internal enum FakeJobPhase
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Filtered,
    Cancelled,
}