using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

using Microsoft.Extensions.Logging;

using Recreation.Generation.Http;

namespace Recreation.Generation.Replicate;

/// <summary>The prediction list, and finding in it the prediction a create whose answer was lost made.</summary>
public sealed partial class ReplicateClient
{
    /// <summary>
    /// One page of the account's predictions, newest first, and the cursor of the next page (null at the
    /// end). Only the <c>cursor</c> of the <c>next</c> URL the service gives is kept: the next page is
    /// asked of the configured API root, so the key never follows a URL chosen by the answer.
    /// </summary>
    public Task<(IReadOnlyList<ReplicatePrediction> Results, string? NextCursor)> ListAsync(string? cursor = null, CancellationToken cancellationToken = default)
    {
        var url = _transport.Url(cursor is null ? "v1/predictions" : $"v1/predictions?cursor={Uri.EscapeDataString(cursor)}");
        return _transport.SendAsync<(IReadOnlyList<ReplicatePrediction>, string?)>(
            "listing predictions",
            () => ServiceTransport.Get(url),
            async (response, token) =>
            {
                using var document = await ServiceTransport.ReadJsonAsync(response, token).ConfigureAwait(false);
                var root = document.RootElement;
                var results = root.TryGetProperty("results", out var r) && r.ValueKind == JsonValueKind.Array
                    ? r.EnumerateArray().Select(ReplicatePrediction.Read).ToArray()
                    : throw new FormatException("the list has no 'results'");
                return (results, Cursor(root));
            },
            cancellationToken);
    }

    /// <summary>
    /// Looks for the prediction a create of <paramref name="model"/> with <paramref name="input"/> made at or
    /// after <paramref name="since"/>, reading the list newest first for at most
    /// <see cref="ReplicateOptions.ReconcilePages"/> pages. The matching rule:
    /// <list type="bullet">
    /// <item>its <c>created_at</c> is at or after <paramref name="since"/> (the caller takes a margin off
    /// the attempt's start for clock skew); the first older one ends the search: nothing newer is left;</item>
    /// <item>its <c>model</c> (by model) or <c>version</c> (by version) is the profile's;</item>
    /// <item>its <c>input</c> has every field that was sent, with an equal JSON value — except that a
    /// <c>data:</c> URI sent may come back as a URL (a guess: Replicate may store input files and echo
    /// their URLs), which then counts as equal; fields the service added are ignored;</item>
    /// <item>it has not failed, been canceled or aborted (an earlier attempt of the same clip that
    /// failed is not the lost one).</item>
    /// </list>
    /// Returns the newest match, or null when the list proves there is none. Throws
    /// <see cref="ReplicateReconcileException"/> when it cannot tell: the pages ran out before reaching
    /// <paramref name="since"/>, or a candidate's input was already removed (API predictions keep it for
    /// an hour).
    /// </summary>
    public async Task<ReplicatePrediction?> FindAsync(ReplicateModel model, JsonObject input, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        string? cursor = null;
        var unreadable = 0;
        for (var page = 1; page <= _options.ReconcilePages; page++)
        {
            var (results, next) = await ListAsync(cursor, cancellationToken).ConfigureAwait(false);
            foreach (var prediction in results)
            {
                if (prediction.CreatedAt is { } created && created < since)
                {
                    return Undecided(unreadable, since);
                }

                if (!model.Matches(prediction.Model, prediction.Version) || prediction.Status is ReplicatePrediction.Failed or ReplicatePrediction.Canceled or ReplicatePrediction.Aborted)
                {
                    continue;
                }

                if (prediction.Input is null)
                {
                    unreadable++; // its input was removed: it may be the lost one, no one can tell
                    continue;
                }

                if (InputsMatch(input, prediction.Input))
                {
                    _logger.LogInformation("Found Replicate prediction {PredictionId} ({Status}) made by a create whose answer was lost", prediction.Id, prediction.Status);
                    return prediction;
                }
            }

            if (next is null)
            {
                return Undecided(unreadable, since);
            }

            cursor = next;
        }

        throw new ReplicateReconcileException(string.Create(CultureInfo.InvariantCulture,
            $"Replicate's list holds more than {_options.ReconcilePages} pages of predictions made since {since:u}, so whether a lost create made one cannot be told from it. Look for the prediction on replicate.com/predictions, or raise RECREATION_Replicate__ReconcilePages."));
    }

    /// <summary>Every field that was sent is in <paramref name="echoed"/> with an equal value (a data URI may come back as a URL).</summary>
    public static bool InputsMatch(JsonObject sent, JsonObject echoed)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(echoed);
        foreach (var (field, value) in sent)
        {
            if (!echoed.TryGetPropertyValue(field, out var other))
            {
                return false;
            }

            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.StartsWith("data:", StringComparison.Ordinal)
                && other is JsonValue o && o.TryGetValue<string>(out var url) && !url.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            if (!JsonNode.DeepEquals(value, other) && !NumbersEqual(value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NumbersEqual(JsonNode? a, JsonNode? b) =>
        a is JsonValue x && b is JsonValue y && x.GetValueKind() == JsonValueKind.Number && y.GetValueKind() == JsonValueKind.Number
        && x.TryGetValue<decimal>(out var m) && y.TryGetValue<decimal>(out var n) && m == n;

    private static ReplicatePrediction? Undecided(int unreadable, DateTimeOffset since) =>
        unreadable == 0
            ? null
            : throw new ReplicateReconcileException(string.Create(CultureInfo.InvariantCulture,
                $"{unreadable} prediction(s) of this model made since {since:u} no longer show their input (Replicate removes an API prediction's data an hour after it ends), so whether one of them is the lost create cannot be told. Look for it on replicate.com/predictions."));

    private static string? Cursor(JsonElement root)
    {
        if (!root.TryGetProperty("next", out var next) || next.ValueKind != JsonValueKind.String || next.GetString() is not { Length: > 0 } text)
        {
            return null;
        }

        var query = Uri.TryCreate(text, UriKind.Absolute, out var url) ? url.Query : text.Contains('?', StringComparison.Ordinal) ? text[text.IndexOf('?', StringComparison.Ordinal)..] : "";
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("cursor=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair["cursor=".Length..]);
            }
        }

        throw new FormatException("the list's 'next' has no cursor");
    }
}