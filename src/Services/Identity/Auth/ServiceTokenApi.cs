using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using MagicHub.Identity.Data;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MagicHub.Identity.Auth;

/// <summary>Asks for a token of a platform service acting for a tenant in background work.</summary>
public sealed record ServiceTokenRequest(
    [property: JsonPropertyName("service")][Required, RegularExpression("^[a-z][a-z0-9-]{0,39}$")] string Service,
    [property: JsonPropertyName("tenant_id")][Required, StringLength(64)] string TenantId);

/// <summary>
/// <c>POST /internal/service-token</c>: platform services holding <c>Security:ServiceSecret</c> get short-lived tokens
/// (<c>kind</c> <c>service</c>, role <c>member</c>) for one tenant. The gateway never routes <c>/internal</c>.
/// </summary>
public static class ServiceTokenApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapServiceTokenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/internal/service-token", IssueAsync).AllowAnonymous().WithTags("Internal")
            .WithSummary("A platform service's token for background work of one tenant (needs the X-Service-Secret header).");
        return endpoints;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueAsync(
        ServiceTokenRequest request, HttpContext http, SecurityOptions security, SqlDatabase<IdentityDb> database, TokenService tokens, CancellationToken ct)
    {
        var presented = http.Request.Headers[ServiceTokenClient.SecretHeader].FirstOrDefault() ?? "";
        var expected = Encoding.UTF8.GetBytes(security.ServiceSecret ?? "");
        if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
        {
            return Problems.Unauthorized("The service secret is missing or wrong.", "invalid-service-secret");
        }
        if (!await SessionCheck.TenantExistsAsync(database, request.TenantId, ct))
        {
            return Problems.NotFound("No such tenant.");
        }
        return TypedResults.Ok(await tokens.ServiceTokenAsync(request.Service, request.TenantId, ct));
    }
}
