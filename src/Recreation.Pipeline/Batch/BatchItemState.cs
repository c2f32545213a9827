namespace Recreation.Pipeline.Batch;

/// <summary>How one item of a batch ended (written in <c>batch-summary.json</c> in kebab case).</summary>
public enum BatchItemState
{
    /// <summary>The video was written.</summary>
    Succeeded,

    /// <summary>A clip, ffmpeg or the scene's inputs failed; finished work is kept (exit code 1).</summary>
    Failed,

    /// <summary>Another run held the item's workspace; nothing was done to it (exit code 1).</summary>
    Locked,

    /// <summary>Its own budget or the batch's refused it at the start or stopped it submitting (exit code 3).</summary>
    StoppedByBudget,

    /// <summary>A manual run waits for clips made by hand (exit code 4).</summary>
    WaitingForClips,

    /// <summary>Ctrl+C stopped it; running the batch again resumes it (exit code 130).</summary>
    Cancelled,
}