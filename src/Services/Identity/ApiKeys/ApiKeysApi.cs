using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using MagicHub.Identity.Auth;
using MagicHub.Identity.Data;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MagicHub.Identity.ApiKeys;

/// <summary>Creates an API key.</summary>
public sealed record CreateApiKeyRequest(
    [property: JsonPropertyName("name")][Required, StringLength(200, MinimumLength = 1)] string Name,
    [property: JsonPropertyName("scopes")][Required, NotEmpty] string[] Scopes);

/// <summary>An API key; <see cref="Key"/> only in the answer that created it.</summary>
public sealed record ApiKeyResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("prefix")] string Prefix,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("last_used_at")] DateTime? LastUsedAt,
    [property: JsonPropertyName("revoked_at")] DateTime? RevokedAt,
    [property: JsonPropertyName("key")] string? Key = null)
{
    /// <summary>Maps a stored key (without its secret).</summary>
    public static ApiKeyResponse From(ApiKey key, string? secret = null) =>
        new(key.Id, key.Name, key.Prefix, key.ScopeList, key.CreatedAt, key.LastUsedAt, key.RevokedAt, secret);
}

/// <summary>Owners and admins manage the tenant's API keys.</summary>
public static class ApiKeysApi
{
    /// <summary>Maps <c>/api-keys</c>.</summary>
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(PlatformPolicies.Manage);
        keys.MapPost("", CreateAsync).WithSummary("Create a key with scopes (read, write); the key is in this answer only.");
        keys.MapGet("", ListAsync).WithSummary("The tenant's keys with their last use.");
        keys.MapDelete("/{apiKeyId}", RevokeAsync).WithSummary("Revoke a key; it stops working at once at the identity service and within the gateway's cache time.");
        return keys;
    }

    private static async Task<Results<Created<ApiKeyResponse>, ProblemHttpResult>> CreateAsync(
        CreateApiKeyRequest request, SqlDatabase<IdentityDb> database, ITenantContext tenant, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var scopes = request.Scopes.Select(s => s.Trim().ToLowerInvariant()).Distinct().ToList();
        if (scopes.FirstOrDefault(s => !ApiKey.Scopes.Contains(s)) is { } unknown)
        {
            return Problems.BadRequest($"Unknown scope '{unknown}'; allowed: {string.Join(", ", ApiKey.Scopes)}.");
        }
        var secret = Secrets.New("mhk_");
        var key = new ApiKey
        {
            Id = Secrets.NewId(),
            Name = request.Name.Trim(),
            Prefix = secret[..12],
            KeyHash = Secrets.Hash(secret),
            ScopeText = string.Join(' ', scopes),
            CreatedBy = http.User.FindFirst(PlatformClaims.Subject)!.Value,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        }.Stamped(tenant);
        await using (var connection = await database.OpenAsync(ct))
        await using (var insert = key.AddParameters(connection.CreateCommand(ApiKey.Insert)))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }
        return TypedResults.Created($"/api-keys/{key.Id}", ApiKeyResponse.From(key, secret));
    }

    private static async Task<Ok<List<ApiKeyResponse>>> ListAsync(SqlDatabase<IdentityDb> database, ITenantContext tenant, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand($"SELECT {ApiKey.Columns} FROM \"api_keys\" WHERE \"TenantId\" = @tenant ORDER BY \"CreatedAt\" DESC")
            .WithTenant(tenant);
        var keys = await select.ReadAllAsync(ApiKey.Read, ct);
        return TypedResults.Ok(keys.Select(k => ApiKeyResponse.From(k)).ToList());
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(
        string apiKeyId, SqlDatabase<IdentityDb> database, ITenantContext tenant, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        // A key revoked already keeps its revocation time.
        await using var revoke = connection.CreateCommand(
            "UPDATE \"api_keys\" SET \"RevokedAt\" = COALESCE(\"RevokedAt\", @now) WHERE \"Id\" = @id AND \"TenantId\" = @tenant")
            .WithParameter("now", clock.GetUtcNow().UtcDateTime).WithParameter("id", apiKeyId).WithTenant(tenant);
        return await revoke.ExecuteNonQueryAsync(ct) > 0 ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
