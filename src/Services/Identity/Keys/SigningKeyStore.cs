using System.Security.Cryptography;
using MagicHub.Identity.Auth;
using MagicHub.Identity.Data;
using MagicHub.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace MagicHub.Identity.Keys;

/// <summary>
/// The ES256 signing keys, kept in the identity database and rotated: each key signs for
/// <see cref="IdentityServiceOptions.KeyRotationInterval"/>; its successor is created and published
/// <see cref="IdentityServiceOptions.KeyPublishLead"/> before it takes over, so services that cache the JWKS
/// already know it; a retired key stays published until the last token it signed has expired.
/// </summary>
public sealed class SigningKeyStore(IServiceScopeFactory scopes, IdentityServiceOptions options, SecurityOptions security, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>How long after retiring a key still validates tokens it signed.</summary>
    public TimeSpan Retention => (options.AccessTokenLifetime > options.ApiKeyTokenLifetime ? options.AccessTokenLifetime : options.ApiKeyTokenLifetime) + security.ClockSkew;

    /// <summary>The key that signs tokens now.</summary>
    public async Task<ECDsaSecurityKey> GetSigningKeyAsync(CancellationToken cancellationToken)
    {
        var snapshot = await EnsureAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return snapshot.Keys.Where(k => k.Row.ActivatesAt <= now && now < k.Row.RetiresAt).MaxBy(k => k.Row.ActivatesAt)!.Key;
    }

    /// <summary>The keys published in the JWKS: the next one, the current one and retired ones still validating tokens.</summary>
    public async Task<IReadOnlyList<ECDsaSecurityKey>> GetPublishedKeysAsync(CancellationToken cancellationToken)
    {
        var snapshot = await EnsureAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return snapshot.Keys.Where(k => k.Row.RetiresAt + Retention > now).OrderByDescending(k => k.Row.ActivatesAt).Select(k => k.Key).ToList();
    }

    /// <summary>Forgets the cached keys so the next read goes to the database.</summary>
    public void Invalidate() => _snapshot = null;

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private async Task<Snapshot> EnsureAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (_snapshot is { } cached && cached.IsCurrent(now, options.KeyPublishLead) && now - cached.LoadedAt < CacheFor)
        {
            return cached;
        }
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
            var rows = await db.SigningKeys.Where(k => k.RetiresAt > now - Retention).ToListAsync(cancellationToken);
            var active = rows.Where(k => k.ActivatesAt <= now && now < k.RetiresAt).MaxBy(k => k.ActivatesAt);
            if (active is null)
            {
                active = NewKey(now, now);
                rows.Add(active);
                db.SigningKeys.Add(active);
            }
            if (!rows.Any(k => k.ActivatesAt > active.ActivatesAt) && active.RetiresAt - now <= options.KeyPublishLead)
            {
                var next = NewKey(now, active.RetiresAt);
                rows.Add(next);
                db.SigningKeys.Add(next);
            }
            await db.SaveChangesAsync(cancellationToken);
            _snapshot = new Snapshot(rows.Select(Load).ToList(), now);
            return _snapshot;
        }
        finally
        {
            _lock.Release();
        }
    }

    private SigningKey NewKey(DateTime now, DateTime activatesAt)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new SigningKey
        {
            Id = Secrets.NewId(),
            PrivateKey = Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey()),
            CreatedAt = now,
            ActivatesAt = activatesAt,
            RetiresAt = activatesAt + options.KeyRotationInterval,
        };
    }

    private static LoadedKey Load(SigningKey row)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(row.PrivateKey), out _);
        return new LoadedKey(row, new ECDsaSecurityKey(ecdsa) { KeyId = row.Id });
    }

    private sealed record LoadedKey(SigningKey Row, ECDsaSecurityKey Key);

    private sealed record Snapshot(IReadOnlyList<LoadedKey> Keys, DateTime LoadedAt)
    {
        /// <summary>Whether a key signs now and, when it retires within the lead, its successor is known.</summary>
        public bool IsCurrent(DateTime now, TimeSpan lead)
        {
            var active = Keys.Where(k => k.Row.ActivatesAt <= now && now < k.Row.RetiresAt).MaxBy(k => k.Row.ActivatesAt);
            return active is not null && (active.Row.RetiresAt - now > lead || Keys.Any(k => k.Row.ActivatesAt > active.Row.ActivatesAt));
        }
    }
}
