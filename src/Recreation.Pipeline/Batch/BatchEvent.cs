using Recreation.Pipeline.Running;

namespace Recreation.Pipeline.Batch;

/// <summary>
/// Progress of a batch: an item started (<see cref="Run"/> and <see cref="Result"/> null), a step of
/// its run (<see cref="Run"/>), or its end (<see cref="Result"/>).
/// </summary>
public sealed record BatchEvent(string Item, RunEvent? Run = null, BatchItemResult? Result = null);