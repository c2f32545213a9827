namespace Recreation.Generation.Http;

/// <summary>How a service's error answer is treated: retried, fatal for the run, a refusal of the input, and the advice shown.</summary>
internal sealed record ServiceErrorClass(bool IsTransient, bool IsFatal, bool IsInputRefused, string Advice);