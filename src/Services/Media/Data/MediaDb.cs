using MagicHub.Persistence;

namespace MagicHub.Media.Data;

/// <summary>
/// The media database (<see cref="SqlDatabase{TDatabase}"/>): item metadata and resumable upload sessions, created from
/// the embedded <c>MediaDb.sqlite.sql</c> / <c>MediaDb.postgres.sql</c> (the tables EF Core made before, so older
/// databases keep working); MagicHub.Messaging adds its outbox tables. Read and written through <see cref="MediaStore"/>.
/// </summary>
public sealed class MediaDb
{
    /// <summary>Schema changes for databases created by earlier versions, in order.</summary>
    public static readonly IReadOnlyList<SchemaUpgrade> Upgrades = [];
}
