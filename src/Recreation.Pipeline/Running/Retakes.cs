using System.Globalization;

using Microsoft.Extensions.Logging;

using Recreation.Core;
using Recreation.Core.Planning;
using Recreation.Media.Validation;
using Recreation.Pipeline.Ledger;

namespace Recreation.Pipeline.Running;

/// <summary>
/// Makes a new take of one clip, or selects an earlier one. A new take is generated under a ledger
/// line of its own (<c>{clip}@take{N}</c>) through <see cref="ClipGeneration"/>, so an interrupted
/// retake resumes its job instead of paying again; its file stays in the workspace next to every
/// other take, and the clip's line records which take the stitch uses.
/// </summary>
internal static class Retakes
{
    public static async Task<ClipRecord> ApplyAsync(RunContext context, RetakeRequest retake, CancellationToken cancellationToken)
    {
        var clip = context.Scene.Plan.Clips.FirstOrDefault(c => c.Id == retake.ClipId)
            ?? throw new RecreationException(
                $"There is no clip '{retake.ClipId}' in {context.Scene.File.Title}; its clips are: {string.Join(", ", context.Scene.Plan.Clips.Select(c => c.Id))}.",
                ExitCodes.InvalidInput);
        var request = await RunInputs.RequestForAsync(context, clip, cancellationToken);
        var main = context.Ledger.Find(clip.Id);
        if (main is not { File: { } first } || main.CacheKey != request.CacheKey || !File.Exists(context.Workspace.Resolve(TakeFile(context, main, 1) ?? first)))
        {
            throw new RecreationException($"Clip {clip.Id} has not been generated in its current form yet: run the scene first ('recreate run'), then retake it.", ExitCodes.InvalidInput);
        }

        var takes = main.Takes ?? [new ClipTake(1, clip.Id, null, null, main.UpdatedAt)];
        if (main.Takes is null)
        {
            // Take 1 is the first generation; remember its file before the line starts pointing elsewhere.
            main = context.Ledger.Update(clip.Id, r => r with { Takes = takes, FirstTakeFile = r.File });
        }

        if (retake.Take is { } number)
        {
            if (takes.All(t => t.Number != number) || TakeFile(context, main, number) is not { } chosen || !File.Exists(context.Workspace.Resolve(chosen)))
            {
                throw new RecreationException($"Clip {clip.Id} has no finished take {number}; its takes are: {Describe(context, main)}.", ExitCodes.InvalidInput);
            }

            context.Logger.LogInformation("Clip {ClipId}: the stitch now uses take {Take}", clip.Id, number);
            return Select(context, clip, number, chosen);
        }

        // An unfinished last take (interrupted retake) is resumed, not started again.
        var last = takes[^1];
        var resume = last.Number > 1 && TakeFile(context, main, last.Number) is null && SameAsk(last, retake);
        var take = resume ? last : new ClipTake(takes.Count + 1, $"{clip.Id}@take{takes.Count + 1}", retake.PromptNote, retake.Remix, context.Time.GetUtcNow());
        if (!resume)
        {
            main = context.Ledger.Update(clip.Id, r => r with { Takes = [.. takes, take] });
        }

        var takeRequest = TakeRequest(context, main, request, take);
        var generation = new ClipGeneration(
            context.Provider,
            context.Generator, new MediaValidator(context.Runner), context.Workspace, context.Ledger, context.Budget, context.Policy, context.Time, context.Logger,
            info => context.Probes[clip.Id] = info, RunWorkers.ValidationSlot(context, clip, cancellationToken));
        var estimate = clip.Seconds * CostEstimate.PricePerSecond(context.Scene, context.Capabilities);
        var progress = new Progress<double>(f => context.Progress.Report(new RunEvent(RunPhase.Generate, take.RecordId, f)));
        var record = await generation.RunAsync(clip with { Id = take.RecordId }, takeRequest, estimate, force: false, progress, cancellationToken);
        context.Logger.LogInformation("Clip {ClipId}: take {Take} generated", clip.Id, take.Number);
        return Select(context, clip, take.Number, record.File!);
    }

    /// <summary>The takes of a clip, for messages: "1 (first), 2 (note: …), 3 (remix: …)".</summary>
    public static string Describe(RunContext context, ClipRecord main) =>
        string.Join(", ", (main.Takes ?? []).Select(t =>
            string.Create(CultureInfo.InvariantCulture, $"{t.Number} ({(t.Note is not null ? "note: " + t.Note : t.Remix is not null ? "remix: " + t.Remix : "first")}{(TakeFile(context, main, t.Number) is null ? ", unfinished" : "")})")));

    /// <summary>The file of a finished take, relative to the workspace; null when it is not finished.</summary>
    private static string? TakeFile(RunContext context, ClipRecord main, int number) => number == 1
        ? main.FirstTakeFile ?? (main.SelectedTake is null or 1 ? main.File : null)
        : context.Ledger.Find($"{main.Id}@take{number}") is { State: ClipState.Downloaded or ClipState.Conformed, File: { } file } ? file : null;

    private static bool SameAsk(ClipTake take, RetakeRequest retake) => take.Note == retake.PromptNote && take.Remix == retake.Remix;

    private static Generation.ClipRequest TakeRequest(RunContext context, ClipRecord main, Generation.ClipRequest request, ClipTake take)
    {
        string? remixOf = null;
        var prompt = request.Prompt;
        if (take.Remix is { } change)
        {
            // A remix starts from the take the stitch uses now; it needs that take's job.
            var source = main.SelectedTake is { } selected and > 1 ? context.Ledger.Find($"{main.Id}@take{selected}") : main;
            remixOf = source?.JobId is { } id && !id.StartsWith("local-", StringComparison.Ordinal) ? id : null;
            if (!context.Capabilities.Remix && !context.Capabilities.RendersLocally)
            {
                throw new RecreationException($"Clip {main.Id} cannot be remixed: the {context.Provider.Name} backend has no remix. Use --prompt-note instead.", ExitCodes.InvalidInput);
            }

            if (remixOf is null && context.Capabilities.Remix)
            {
                throw new RecreationException($"Clip {main.Id} cannot be remixed: the take it would start from has no job on the service (it was imported or rendered locally). Use --prompt-note instead.", ExitCodes.InvalidInput);
            }

            prompt = change;
        }
        else if (take.Note is { } note)
        {
            prompt = $"{request.Prompt.TrimEnd()} {note.Trim()}";
        }

        var key = CacheKeys.Take(request.CacheKey, take.Number, take.Note, take.Remix, remixOf);
        return request with { ClipId = take.RecordId, Prompt = prompt, CacheKey = key, RemixOfJobId = remixOf };
    }

    private static ClipRecord Select(RunContext context, ClipPlan clip, int number, string file) =>
        context.Ledger.Update(clip.Id, r => r with
        {
            SelectedTake = number == 1 ? null : number,
            File = file,
            State = ClipState.Downloaded,
            Conformed = null,
        });
}