using System.Collections.Frozen;

namespace MagicHub.Security.Revocation;

/// <summary>
/// Sessions and API keys revoked recently enough that tokens naming them may still be unexpired,
/// as last published by the identity service at <c>/.well-known/revocations</c>.
/// </summary>
public sealed class RevocationList
{
    private volatile FrozenSet<string> _revoked = FrozenSet<string>.Empty;

    /// <summary>When the list was last replaced.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>Whether tokens of session (or API key) <paramref name="sessionId"/> must be refused.</summary>
    public bool IsRevoked(string sessionId) => _revoked.Contains(sessionId);

    /// <summary>Replaces the list.</summary>
    public void Replace(IEnumerable<string> sessionIds, DateTimeOffset now)
    {
        _revoked = sessionIds.ToFrozenSet(StringComparer.Ordinal);
        UpdatedAt = now;
    }
}

/// <summary>The body of <c>GET /.well-known/revocations</c>.</summary>
/// <param name="Sessions">Ids (<c>sid</c> claim values) of revoked sessions and API keys whose tokens may be unexpired.</param>
/// <param name="GeneratedAt">When the list was read.</param>
public sealed record RevocationDocument(IReadOnlyList<string> Sessions, DateTimeOffset GeneratedAt);
