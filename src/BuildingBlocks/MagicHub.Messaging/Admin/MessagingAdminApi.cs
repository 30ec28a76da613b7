using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace MagicHub.Messaging.Admin;

/// <summary>The <c>/admin/messaging</c> endpoints: dead letters and replay.</summary>
public static class MessagingAdminApi
{
    /// <summary>
    /// Maps <c>GET /admin/messaging/dead-letters</c>, <c>GET|DELETE /dead-letters/{subscriber}/{eventId}</c>,
    /// <c>POST /dead-letters/{subscriber}/{eventId}/requeue</c>, <c>DELETE /dead-letters/{subscriber}</c> (purge)
    /// and <c>POST /admin/messaging/replay</c>. Returns the group so callers can require authorization.
    /// </summary>
    public static RouteGroupBuilder MapMessagingAdmin(this IEndpointRouteBuilder endpoints, string prefix = "/admin/messaging")
    {
        var group = endpoints.MapGroup(prefix).WithTags("Messaging");
        group.MapGet("/dead-letters", ListAsync);
        group.MapGet("/dead-letters/{subscriber}/{eventId:guid}", GetAsync);
        group.MapPost("/dead-letters/{subscriber}/{eventId:guid}/requeue", RequeueAsync);
        group.MapDelete("/dead-letters/{subscriber}/{eventId:guid}", DeleteAsync);
        group.MapDelete("/dead-letters/{subscriber}", PurgeAsync);
        group.MapPost("/replay", ReplayAsync);
        return group;
    }

    private static async Task<Results<Ok<IReadOnlyList<DeadLetterInfo>>, ProblemHttpResult>> ListAsync(
        IDeadLetterAdmin admin, CancellationToken ct, string? subscriber = null, int limit = 100)
    {
        if (limit is < 1 or > 1000) return Problem("limit must be between 1 and 1000.", StatusCodes.Status400BadRequest, "messaging-invalid-request");
        return TypedResults.Ok(await admin.ListAsync(subscriber, limit, ct));
    }

    private static async Task<Results<Ok<DeadLetterDetail>, ProblemHttpResult>> GetAsync(
        string subscriber, Guid eventId, IDeadLetterAdmin admin, CancellationToken ct) =>
        await admin.GetAsync(subscriber, eventId, ct) is { } detail ? TypedResults.Ok(detail) : NotFound(subscriber, eventId);

    private static async Task<Results<NoContent, ProblemHttpResult>> RequeueAsync(
        string subscriber, Guid eventId, IDeadLetterAdmin admin, CancellationToken ct) =>
        await admin.RequeueAsync(subscriber, eventId, ct) ? TypedResults.NoContent() : NotFound(subscriber, eventId);

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string subscriber, Guid eventId, IDeadLetterAdmin admin, CancellationToken ct) =>
        await admin.PurgeAsync(subscriber, eventId, ct) > 0 ? TypedResults.NoContent() : NotFound(subscriber, eventId);

    private static async Task<Ok<PurgeResult>> PurgeAsync(string subscriber, IDeadLetterAdmin admin, CancellationToken ct) =>
        TypedResults.Ok(new PurgeResult(subscriber, await admin.PurgeAsync(subscriber, null, ct)));

    private static async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> ReplayAsync(
        ReplayRequest request, MessageReplayer replayer, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Type)) return Problem("type is required (e.g. recording.ingested.v1).", StatusCodes.Status400BadRequest, "messaging-invalid-request");
        if (string.IsNullOrWhiteSpace(request.Subscriber)) return Problem("subscriber is required.", StatusCodes.Status400BadRequest, "messaging-invalid-request");
        if (request.To is { } to && to <= request.From) return Problem("to must be after from.", StatusCodes.Status400BadRequest, "messaging-invalid-request");
        try
        {
            return TypedResults.Ok(new ReplayResult(request.Type, request.Subscriber, await replayer.ReplayAsync(request, ct)));
        }
        catch (UnknownSubscriberException ex)
        {
            return Problem(ex.Message, StatusCodes.Status404NotFound, "messaging-unknown-subscriber");
        }
    }

    private static ProblemHttpResult NotFound(string subscriber, Guid eventId) =>
        Problem($"No dead letter for event {eventId} in subscriber '{subscriber}'.", StatusCodes.Status404NotFound, "messaging-dead-letter-not-found");

    private static ProblemHttpResult Problem(string detail, int status, string slug) =>
        TypedResults.Problem(detail: detail, statusCode: status, type: $"https://magichub.dev/problems/{slug}");
}
