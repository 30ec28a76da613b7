using MagicHub.Persistence;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MagicHub.Calls.Data;
using MagicHub.Calls.Pipeline;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MagicHub.Gateway.Tests;

public sealed partial class GatewaySecurityTests
{
    /// <summary>
    /// Every endpoint that takes an id, by "service METHOD route", with the request tenant B sends for tenant A's
    /// record and the status B must get: 404 (the tenant filter), or 403 for platform-operator endpoints no tenant
    /// reaches. A new id-taking endpoint in identity or calls fails
    /// <see cref="Every_id_taking_endpoint_answers_404_to_another_tenants_token"/> until it is listed here.
    /// Listed in the order tenant A's own requests run afterwards (deletions last, its own session very last).
    /// </summary>
    private static readonly (string Endpoint, HttpStatusCode OtherTenant, Func<TenantRecords, (HttpMethod Method, string Path, object? Body)> Request)[] IdEndpoints =
    [
        ("calls GET /call/{callId:guid}", HttpStatusCode.NotFound, a => (HttpMethod.Get, $"/calls/call/{a.CallId}", null)),
        ("calls GET /api/calls/{jobId:guid}", HttpStatusCode.NotFound, a => (HttpMethod.Get, $"/api/calls/{a.JobId}", null)),
        ("calls GET /api/calls/{jobId:guid}/events", HttpStatusCode.NotFound, a => (HttpMethod.Get, $"/api/calls/{a.JobId}/events", null)),
        ("calls POST /api/calls/{jobId:guid}/retry", HttpStatusCode.NotFound, a => (HttpMethod.Post, $"/api/calls/{a.JobId}/retry", null)),
        ("calls GET /admin/messaging/dead-letters/{subscriber}/{eventId:guid}", HttpStatusCode.Forbidden, a => (HttpMethod.Get, $"/calls/admin/messaging/dead-letters/x/{a.CallId}", null)),
        ("calls POST /admin/messaging/dead-letters/{subscriber}/{eventId:guid}/requeue", HttpStatusCode.Forbidden, a => (HttpMethod.Post, $"/calls/admin/messaging/dead-letters/x/{a.CallId}/requeue", null)),
        ("calls DELETE /admin/messaging/dead-letters/{subscriber}/{eventId:guid}", HttpStatusCode.Forbidden, a => (HttpMethod.Delete, $"/calls/admin/messaging/dead-letters/x/{a.CallId}", null)),
        ("identity GET /users/{userId}", HttpStatusCode.NotFound, a => (HttpMethod.Get, $"/identity/users/{a.MemberId}", null)),
        ("identity PATCH /users/{userId}", HttpStatusCode.NotFound, a => (HttpMethod.Patch, $"/identity/users/{a.MemberId}", new { role = "read-only" })),
        ("identity DELETE /invites/{inviteId}", HttpStatusCode.NotFound, a => (HttpMethod.Delete, $"/identity/invites/{a.InviteId}", null)),
        ("identity DELETE /api-keys/{apiKeyId}", HttpStatusCode.NotFound, a => (HttpMethod.Delete, $"/identity/api-keys/{a.ApiKeyId}", null)),
        ("calls DELETE /call/{callId:guid}", HttpStatusCode.NotFound, a => (HttpMethod.Delete, $"/calls/call/{a.CallId}", null)),
        ("identity DELETE /users/{userId}", HttpStatusCode.NotFound, a => (HttpMethod.Delete, $"/identity/users/{a.MemberId}", null)),
        ("identity DELETE /sessions/{sessionId}", HttpStatusCode.NotFound, a => (HttpMethod.Delete, $"/identity/sessions/{a.Owner.SessionId}", null)),
    ];

    [Fact]
    public async Task Every_id_taking_endpoint_answers_404_to_another_tenants_token()
    {
        var discovered = IdTakingEndpoints("identity", fixture.Identity.Services)
            .Concat(IdTakingEndpoints("calls", fixture.Calls!.Services)).ToHashSet();
        var listed = IdEndpoints.Select(e => e.Endpoint).ToHashSet();
        Assert.True(discovered.SetEquals(listed),
            $"Id-taking endpoints not covered: [{string.Join("; ", discovered.Except(listed))}]; listed but gone: [{string.Join("; ", listed.Except(discovered))}].");

        var client = Client();
        var a = await CreateRecordsAsync(client);
        var b = await client.RegisterAsync();

        var asOtherTenant = new List<string>();
        foreach (var (endpoint, _, request) in IdEndpoints)
        {
            var (method, path, body) = request(a);
            using var response = await client.SendAsync(method, path, b, body);
            asOtherTenant.Add($"{endpoint} → {(int)response.StatusCode}");
        }
        // The owning tenant's own requests find every record (whatever else they answer), so the 404s are the filter at work.
        var asOwnTenant = new List<string>();
        foreach (var (endpoint, otherTenant, request) in IdEndpoints)
        {
            var (method, path, body) = request(a);
            using var response = await client.SendAsync(method, path, a.Owner, body);
            var found = response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
            asOwnTenant.Add($"{endpoint} → {(otherTenant == HttpStatusCode.Forbidden ? (int)response.StatusCode : found ? "found" : (int)response.StatusCode)}");
        }

        Assert.Equal(IdEndpoints.Select(e => $"{e.Endpoint} → {(int)e.OtherTenant}"), asOtherTenant);
        Assert.Equal(IdEndpoints.Select(e => $"{e.Endpoint} → {(e.OtherTenant == HttpStatusCode.Forbidden ? "403" : "found")}"), asOwnTenant);
    }

    private static IEnumerable<string> IdTakingEndpoints(string service, IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{service} {method} {e.RoutePattern.RawText}"));

    private async Task<TenantRecords> CreateRecordsAsync(PlatformClient client)
    {
        var owner = await client.RegisterAsync();
        var member = await client.AddUserAsync(owner, "member");
        using var invite = await client.SendAsync(HttpMethod.Post, "/identity/invites", owner, new { email = $"later-{Guid.NewGuid():N}@example.com", role = "member" });
        var inviteId = (await invite.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var (apiKeyId, _) = await client.CreateApiKeyAsync(owner, ReadScope);
        var callId = await client.SaveCallAsync(owner);
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        return new TenantRecords(owner, member.UserId, inviteId, apiKeyId, callId, await AddFailedJobAsync(owner.TenantId));
    }

    // A submitted call needs the media service; a failed job stored directly stands for one (retry then finds it).
    private async Task<Guid> AddFailedJobAsync(string tenantId)
    {
        var job = new CallJob
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            IdempotencyKey = Guid.NewGuid().ToString("N"),
            FileName = "failed.wav",
            Status = JobStatus.Failed,
            Error = "media unavailable",
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        await using var connection = await fixture.Calls!.Services.GetRequiredService<SqlDatabase<CallsDb>>().OpenAsync(Ct);
        await using var insert = job.AddParameters(connection.CreateCommand(CallJob.Insert));
        await insert.ExecuteNonQueryAsync(Ct);
        return job.Id;
    }

    private sealed record TenantRecords(Caller Owner, string MemberId, string InviteId, string ApiKeyId, Guid CallId, Guid JobId);
}
