using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MagicHub.Gateway.Tests;

public sealed partial class GatewaySecurityTests
{
    /// <summary>
    /// Every endpoint that takes an id, by "service METHOD route". A new id-taking endpoint in identity or calls
    /// fails <see cref="Every_id_taking_endpoint_answers_404_to_another_tenants_token"/> until it is listed here.
    /// Listed in the order tenant A's own calls run afterwards (deletions last, its own session very last).
    /// </summary>
    private static readonly (string Endpoint, Func<TenantRecords, (HttpMethod Method, string Path, object? Body)> Request)[] IdEndpoints =
    [
        ("calls GET /call/{callId:guid}", a => (HttpMethod.Get, $"/calls/call/{a.CallId}", null)),
        ("identity GET /users/{userId}", a => (HttpMethod.Get, $"/identity/users/{a.MemberId}", null)),
        ("identity PATCH /users/{userId}", a => (HttpMethod.Patch, $"/identity/users/{a.MemberId}", new { role = "read-only" })),
        ("identity DELETE /invites/{inviteId}", a => (HttpMethod.Delete, $"/identity/invites/{a.InviteId}", null)),
        ("identity DELETE /api-keys/{apiKeyId}", a => (HttpMethod.Delete, $"/identity/api-keys/{a.ApiKeyId}", null)),
        ("identity DELETE /users/{userId}", a => (HttpMethod.Delete, $"/identity/users/{a.MemberId}", null)),
        ("identity DELETE /sessions/{sessionId}", a => (HttpMethod.Delete, $"/identity/sessions/{a.Owner.SessionId}", null)),
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
        foreach (var (endpoint, request) in IdEndpoints)
        {
            var (method, path, body) = request(a);
            using var response = await client.SendAsync(method, path, b, body);
            asOtherTenant.Add($"{endpoint} → {(int)response.StatusCode}");
        }
        var asOwnTenant = new List<string>();
        foreach (var (endpoint, request) in IdEndpoints)
        {
            var (method, path, body) = request(a);
            using var response = await client.SendAsync(method, path, a.Owner, body);
            asOwnTenant.Add($"{endpoint} → {(response.IsSuccessStatusCode ? "ok" : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture))}");
        }

        Assert.Equal(IdEndpoints.Select(e => $"{e.Endpoint} → 404"), asOtherTenant);
        // The same requests succeed for the owning tenant, so the 404s above are the tenant filter at work.
        Assert.Equal(IdEndpoints.Select(e => $"{e.Endpoint} → ok"), asOwnTenant);
    }

    private static IEnumerable<string> IdTakingEndpoints(string service, IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => p.Name.EndsWith("id", StringComparison.OrdinalIgnoreCase)))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{service} {method} {e.RoutePattern.RawText}"));

    private static async Task<TenantRecords> CreateRecordsAsync(PlatformClient client)
    {
        var owner = await client.RegisterAsync();
        var member = await client.AddUserAsync(owner, "member");
        using var invite = await client.SendAsync(HttpMethod.Post, "/identity/invites", owner, new { email = $"later-{Guid.NewGuid():N}@example.com", role = "member" });
        var inviteId = (await invite.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var (apiKeyId, _) = await client.CreateApiKeyAsync(owner, ReadScope);
        var callId = await client.SaveCallAsync(owner);
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        return new TenantRecords(owner, member.UserId, inviteId, apiKeyId, callId);
    }

    private sealed record TenantRecords(Caller Owner, string MemberId, string InviteId, string ApiKeyId, Guid CallId);
}
