using System.Net;
using System.Net.Http.Json;
using MagicHub.Messaging.Serialization;

namespace MagicHub.Messaging.Admin;

/// <summary>Typed client of a service's <c>/admin/messaging</c> API (used by the <c>magichub</c> CLI).</summary>
public sealed class MessagingAdminClient(HttpClient http, string prefix = "/admin/messaging")
{
    private static MessagingJsonContext Json => MessagingJsonContext.Default;

    /// <summary>Lists dead letters.</summary>
    public async Task<IReadOnlyList<DeadLetterInfo>> ListAsync(string? subscriber, int limit, CancellationToken cancellationToken)
    {
        var query = subscriber is null ? $"?limit={limit}" : $"?subscriber={Uri.EscapeDataString(subscriber)}&limit={limit}";
        return await http.GetFromJsonAsync($"{prefix}/dead-letters{query}", Json.ListDeadLetterInfo, cancellationToken) ?? [];
    }

    /// <summary>One dead letter with its envelope, or null.</summary>
    public async Task<DeadLetterDetail?> GetAsync(string subscriber, Guid eventId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(Path(subscriber, eventId), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(Json.DeadLetterDetail, cancellationToken);
    }

    /// <summary>Requeues one dead letter; false when there is none.</summary>
    public async Task<bool> RequeueAsync(string subscriber, Guid eventId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(Path(subscriber, eventId) + "/requeue", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureAsync(response, cancellationToken);
        return true;
    }

    /// <summary>Deletes one dead letter, or all of a subscriber's when <paramref name="eventId"/> is null; returns how many.</summary>
    public async Task<int> PurgeAsync(string subscriber, Guid? eventId, CancellationToken cancellationToken)
    {
        if (eventId is { } id)
        {
            using var one = await http.DeleteAsync(Path(subscriber, id), cancellationToken);
            if (one.StatusCode == HttpStatusCode.NotFound) return 0;
            await EnsureAsync(one, cancellationToken);
            return 1;
        }
        using var all = await http.DeleteAsync($"{prefix}/dead-letters/{Uri.EscapeDataString(subscriber)}", cancellationToken);
        await EnsureAsync(all, cancellationToken);
        return (await all.Content.ReadFromJsonAsync(Json.PurgeResult, cancellationToken))?.Purged ?? 0;
    }

    /// <summary>Replays events of a type from a time to one subscriber.</summary>
    public async Task<ReplayResult> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync($"{prefix}/replay", request, Json.ReplayRequest, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync(Json.ReplayResult, cancellationToken))!;
    }

    private string Path(string subscriber, Guid eventId) => $"{prefix}/dead-letters/{Uri.EscapeDataString(subscriber)}/{eventId}";

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}: {body}", null, response.StatusCode);
    }
}
