using System.Data.Common;
using System.Security.Claims;
using MagicHub.Identity.ApiKeys;
using MagicHub.Identity.Data;
using MagicHub.Identity.Keys;
using MagicHub.Identity.Sessions;
using MagicHub.Identity.Users;
using MagicHub.Persistence;
using MagicHub.Security;
using MagicHub.Security.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MagicHub.Identity.Auth;

/// <summary>Issues access tokens, starts sessions and rotates refresh tokens with reuse detection.</summary>
public sealed class TokenService(SqlDatabase<IdentityDb> database, SigningKeyStore keys, IdentityServiceOptions options, SecurityOptions security, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>Starts a session for <paramref name="user"/> and issues its first token pair.</summary>
    public async Task<TokenResponse> StartSessionAsync(User user, HttpContext http, CancellationToken cancellationToken)
    {
        var now = Now;
        var session = new Session
        {
            Id = Secrets.NewId(),
            TenantId = user.TenantId,
            UserId = user.Id,
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 300),
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            CreatedAt = now,
            LastUsedAt = now,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = session.AddParameters(connection.CreateCommand(Session.Insert, transaction)))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        var refresh = await NewRefreshTokenAsync(connection, transaction, session, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await UserTokensAsync(user, session, refresh, cancellationToken);
    }

    /// <summary>
    /// Exchanges <paramref name="refreshToken"/> once: a second use of the same token means it leaked, and revokes
    /// the whole session (every token rotated from the same sign-in). Null when refused.
    /// </summary>
    public async Task<TokenResponse?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken);
        // No tenant filter: the caller is not signed in; the token itself says whose it is.
        RefreshToken? token;
        await using (var select = connection.CreateCommand($"SELECT {RefreshToken.Columns} FROM \"refresh_tokens\" WHERE \"TokenHash\" = @hash")
            .WithParameter("hash", Secrets.Hash(refreshToken)))
        {
            token = await select.ReadFirstAsync(RefreshToken.Read, cancellationToken);
        }
        if (token is null)
        {
            return null;
        }
        Session? session;
        await using (var select = connection.CreateCommand($"SELECT {Session.Columns} FROM \"sessions\" WHERE \"Id\" = @id").WithParameter("id", token.SessionId))
        {
            session = await select.ReadFirstAsync(Session.Read, cancellationToken);
        }
        User? user = null;
        if (session is not null)
        {
            await using var select = connection.CreateCommand($"SELECT {User.Columns} FROM \"users\" WHERE \"Id\" = @id AND \"DeletedAt\" IS NULL")
                .WithParameter("id", session.UserId);
            user = await select.ReadFirstAsync(User.Read, cancellationToken);
        }
        if (session is null || session.RevokedAt is not null || user is null || token.ExpiresAt <= now)
        {
            return null;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Consume atomically, so two concurrent uses of one token cannot both succeed.
        var consumed = false;
        if (token.ConsumedAt is null)
        {
            await using var consume = connection.CreateCommand(
                "UPDATE \"refresh_tokens\" SET \"ConsumedAt\" = @now WHERE \"Id\" = @id AND \"ConsumedAt\" IS NULL", transaction)
                .WithParameter("now", now).WithParameter("id", token.Id);
            consumed = await consume.ExecuteNonQueryAsync(cancellationToken) == 1;
        }
        if (!consumed)
        {
            await Session.RevokeAsync(connection, transaction, null, now, "refresh token reused", "\"Id\" = @session", cancellationToken, ("session", session.Id));
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        session.LastUsedAt = now;
        await using (var touch = connection.CreateCommand("UPDATE \"sessions\" SET \"LastUsedAt\" = @now WHERE \"Id\" = @id", transaction)
            .WithParameter("now", now).WithParameter("id", session.Id))
        {
            await touch.ExecuteNonQueryAsync(cancellationToken);
        }
        var next = await NewRefreshTokenAsync(connection, transaction, session, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await UserTokensAsync(user, session, next, cancellationToken);
    }

    /// <summary>A short-lived access token for an API key; its role follows its scopes (write → member, else read-only).</summary>
    public async Task<TokenResponse> ApiKeyTokenAsync(ApiKey key, CancellationToken cancellationToken)
    {
        var role = key.ScopeList.Contains(ApiKey.WriteScope) ? PlatformRoles.Member : PlatformRoles.ReadOnly;
        var subject = "apikey:" + key.Id;
        var access = await AccessTokenAsync([
            new(PlatformClaims.Subject, subject), new(PlatformClaims.TenantId, key.TenantId), new(PlatformClaims.SessionId, key.SessionId),
            new(PlatformClaims.Role, role), new(PlatformClaims.Scope, key.ScopeText), new(PlatformClaims.Kind, "api_key"),
            new(PlatformClaims.Name, key.Name),
        ], options.ApiKeyTokenLifetime, cancellationToken);
        return new(access, "Bearer", (int)options.ApiKeyTokenLifetime.TotalSeconds, null, key.SessionId, key.TenantId, subject, role);
    }

    /// <summary>A short-lived token of platform service <paramref name="service"/> acting for <paramref name="tenantId"/>.</summary>
    public async Task<TokenResponse> ServiceTokenAsync(string service, string tenantId, CancellationToken cancellationToken)
    {
        var subject = "service:" + service;
        var sid = "svc_" + service;
        var access = await AccessTokenAsync([
            new(PlatformClaims.Subject, subject), new(PlatformClaims.TenantId, tenantId), new(PlatformClaims.SessionId, sid),
            new(PlatformClaims.Role, PlatformRoles.Member), new(PlatformClaims.Kind, "service"),
        ], options.ApiKeyTokenLifetime, cancellationToken);
        return new(access, "Bearer", (int)options.ApiKeyTokenLifetime.TotalSeconds, null, sid, tenantId, subject, PlatformRoles.Member);
    }

    private async Task<TokenResponse> UserTokensAsync(User user, Session session, string refreshToken, CancellationToken cancellationToken)
    {
        var access = await AccessTokenAsync([
            new(PlatformClaims.Subject, user.Id), new(PlatformClaims.TenantId, user.TenantId), new(PlatformClaims.SessionId, session.Id),
            new(PlatformClaims.Role, user.Role), new(PlatformClaims.Kind, "user"), new(PlatformClaims.Email, user.Email),
            new(PlatformClaims.Name, user.DisplayName),
        ], options.AccessTokenLifetime, cancellationToken);
        return new(access, "Bearer", (int)options.AccessTokenLifetime.TotalSeconds, refreshToken, session.Id, user.TenantId, user.Id, user.Role);
    }

    private async Task<string> AccessTokenAsync(IEnumerable<Claim> claims, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var key = await keys.GetSigningKeyAsync(cancellationToken);
        var now = Now;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = security.Issuer,
            Audience = security.Audience,
            Subject = new ClaimsIdentity(claims.Append(new Claim(JwtRegisteredClaimNames.Jti, Secrets.NewId()))),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, PlatformJwtBearer.Algorithm),
        });
    }

    private async Task<string> NewRefreshTokenAsync(DbConnection connection, DbTransaction transaction, Session session, DateTime now, CancellationToken cancellationToken)
    {
        var secret = Secrets.New("mhr_");
        var token = new RefreshToken
        {
            Id = Secrets.NewId(),
            TenantId = session.TenantId,
            SessionId = session.Id,
            TokenHash = Secrets.Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + options.RefreshTokenLifetime,
        };
        await using var insert = token.AddParameters(connection.CreateCommand(RefreshToken.Insert, transaction));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return secret;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
