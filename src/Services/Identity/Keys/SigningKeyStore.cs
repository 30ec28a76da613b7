using System.Data.Common;
using System.Security.Cryptography;
using MagicHub.Identity.Auth;
using MagicHub.Identity.Data;
using MagicHub.Persistence;
using MagicHub.Security;
using Microsoft.IdentityModel.Tokens;

namespace MagicHub.Identity.Keys;

/// <summary>
/// The ES256 signing keys, kept in the identity database and rotated: each key signs for
/// <see cref="IdentityServiceOptions.KeyRotationInterval"/>; its successor is created and published
/// <see cref="IdentityServiceOptions.KeyPublishLead"/> before it takes over, so services that cache the JWKS
/// already know it; a retired key stays published until the last token it signed has expired.
/// Instances sharing the database add keys one at a time (a write transaction, on PostgreSQL an advisory lock) and
/// re-read before adding, so they all sign with the same key.
/// </summary>
public sealed class SigningKeyStore(SqlDatabase<IdentityDb> database, IdentityServiceOptions options, SecurityOptions security, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    // pg_advisory_xact_lock key of key creation ("signkeys" in ASCII).
    private const long CreationLock = 0x7369676E6B657973;
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
            await using var connection = await database.OpenAsync(cancellationToken);
            var rows = await ReadAsync(connection, null, now, cancellationToken);
            if (LacksKeys(rows, now))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    await using var serialize = connection.CreateCommand("SELECT pg_advisory_xact_lock(@lock)", transaction).WithParameter("lock", CreationLock);
                    await serialize.ExecuteNonQueryAsync(cancellationToken);
                }
                // Another instance may have added them meanwhile.
                rows = await ReadAsync(connection, transaction, now, cancellationToken);
                foreach (var key in NewKeys(rows, now))
                {
                    await using var insert = key.AddParameters(connection.CreateCommand(SigningKey.Insert, transaction));
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    rows.Add(key);
                }
                await transaction.CommitAsync(cancellationToken);
            }
            _snapshot = new Snapshot(rows.Select(Load).ToList(), now);
            return _snapshot;
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<List<SigningKey>> ReadAsync(DbConnection connection, DbTransaction? transaction, DateTime now, CancellationToken cancellationToken)
    {
        await using var select = connection.CreateCommand($"SELECT {SigningKey.Columns} FROM \"signing_keys\" WHERE \"RetiresAt\" > @since", transaction)
            .WithParameter("since", now - Retention);
        return await select.ReadAllAsync(SigningKey.Read, cancellationToken);
    }

    /// <summary>Whether no key signs now, or the one that does retires within the lead without a successor.</summary>
    private bool LacksKeys(List<SigningKey> rows, DateTime now)
    {
        var active = rows.Where(k => k.ActivatesAt <= now && now < k.RetiresAt).MaxBy(k => k.ActivatesAt);
        return active is null || (!rows.Any(k => k.ActivatesAt > active.ActivatesAt) && active.RetiresAt - now <= options.KeyPublishLead);
    }

    /// <summary>The keys to add to <paramref name="rows"/>: one that signs now when none does, and its successor once it retires within the lead.</summary>
    private List<SigningKey> NewKeys(List<SigningKey> rows, DateTime now)
    {
        var added = new List<SigningKey>();
        var active = rows.Where(k => k.ActivatesAt <= now && now < k.RetiresAt).MaxBy(k => k.ActivatesAt);
        if (active is null)
        {
            active = NewKey(now, now);
            added.Add(active);
        }
        if (!rows.Any(k => k.ActivatesAt > active.ActivatesAt) && active.RetiresAt - now <= options.KeyPublishLead)
        {
            added.Add(NewKey(now, active.RetiresAt));
        }
        return added;
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
