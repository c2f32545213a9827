namespace Recreation.Core.Batch;

/// <summary>The keys a version 1 batch file may use (README "Batches"; schema/batch.schema.json).</summary>
internal static class BatchKeys
{
    public static readonly string[] Root = ["version", "max_cost_usd", "items"];
    public static readonly string[] Item = ["id", "scene", "output", "target"];
    public static readonly string[] Target = ["backend", "concurrency", "max_cost_usd"];
}