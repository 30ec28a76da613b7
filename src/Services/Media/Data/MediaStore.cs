using System.Data.Common;
using MagicHub.Media.Contracts;
using MagicHub.Media.Media;
using MagicHub.Media.Uploads;
using MagicHub.Messaging;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Media.Data;

/// <summary>
/// Plain SQL over <see cref="MediaDb"/>. Items and uploads are read under the caller's tenant (<c>"TenantId" = @tenant</c>),
/// so another tenant's id is simply not found; the methods named "AnyTenant" or used by retention say so.
/// Timestamps are stored as UTC ticks (as EF Core stored them: DateTimeOffset cannot be ordered on SQLite).
/// </summary>
public sealed class MediaStore(SqlDatabase<MediaDb> database, ITenantContext tenant)
{
    private const string ItemColumns =
        """ "Id", "TenantId", "Owner", "Kind", "ContentType", "Size", "Sha256", "ObjectKey", "FileName", "DurationSeconds", "CreatedAt" """;

    private const string UploadColumns = """ "Id", "TenantId", "Owner", "FileName", "Use", "Length", "Offset", "CreatedAt", "ExpiresAt" """;

    /// <summary>The caller's tenant, if any.</summary>
    public string? CurrentTenantId => tenant.TenantId;

    /// <summary>The caller's item, or null.</summary>
    public Task<MediaItem?> FindItemAsync(Guid id, CancellationToken ct) =>
        FirstItemAsync($"""SELECT {ItemColumns} FROM "media_items" WHERE "Id" = @id AND "TenantId" = @tenant""", c => c.WithParameter("id", id).WithTenant(tenant), ct);

    /// <summary>The item of any tenant (a signed URL names the item and proves its tenant itself), or null.</summary>
    public Task<MediaItem?> FindItemOfAnyTenantAsync(Guid id, CancellationToken ct) =>
        FirstItemAsync($"""SELECT {ItemColumns} FROM "media_items" WHERE "Id" = @id""", c => c.WithParameter("id", id), ct);

    /// <summary>The caller's item with this content hash, or null.</summary>
    public Task<MediaItem?> FindBySha256Async(string sha256, CancellationToken ct) =>
        FirstItemAsync($"""SELECT {ItemColumns} FROM "media_items" WHERE "TenantId" = @tenant AND "Sha256" = @sha""", c => c.WithTenant(tenant).WithParameter("sha", sha256), ct);

    /// <summary>A page of the caller's items, newest first, and how many there are.</summary>
    public async Task<(List<MediaItem> Items, int Total)> ListAsync(MediaKind? kind, int skip, int take, CancellationToken ct)
    {
        var filter = """ WHERE "TenantId" = @tenant""" + (kind is null ? "" : """ AND "Kind" = @kind""");
        await using var connection = await database.OpenAsync(ct);
        await using var count = connection.CreateCommand("""SELECT COUNT(*) FROM "media_items" """ + filter).WithTenant(tenant);
        await using var page = connection.CreateCommand(
            $"""SELECT {ItemColumns} FROM "media_items"{filter} ORDER BY "CreatedAt" DESC LIMIT @take OFFSET @skip""")
            .WithTenant(tenant).WithParameter("take", take).WithParameter("skip", skip);
        if (kind is { } k)
        {
            count.WithParameter("kind", k.ToString());
            page.WithParameter("kind", k.ToString());
        }
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        return (await page.ReadAllAsync(ReadItem, ct), total);
    }

    /// <summary>
    /// Stores the item and publishes <paramref name="announcement"/> in the same transaction (the outbox: the event exists
    /// exactly when the item does). A duplicate tenant + hash throws a <see cref="DbException"/> (unique violation).
    /// </summary>
    public async Task AddItemAsync(MediaItem item, IntegrationEvent announcement, IEventPublisher events, CancellationToken ct)
    {
        item.Stamped(tenant);
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var insert = connection.CreateCommand(
            $"""INSERT INTO "media_items" ({ItemColumns}) VALUES (@id, @tenantId, @owner, @kind, @contentType, @size, @sha, @objectKey, @fileName, @duration, @createdAt)""", tx))
        {
            insert.WithParameter("id", item.Id).WithParameter("tenantId", item.TenantId).WithParameter("owner", item.Owner)
                .WithParameter("kind", item.Kind.ToString()).WithParameter("contentType", item.ContentType).WithParameter("size", item.Size)
                .WithParameter("sha", item.Sha256).WithParameter("objectKey", item.ObjectKey).WithParameter("fileName", item.FileName)
                .WithParameter("duration", item.DurationSeconds).WithParameter("createdAt", item.CreatedAt.UtcTicks);
            await insert.ExecuteNonQueryAsync(ct);
        }
        await events.PublishAsync(announcement, tx, ct);
        await events.CommitAsync(tx, ct);
    }

    /// <summary>Deletes the caller's item's metadata; false when there is none.</summary>
    public Task<bool> DeleteItemAsync(Guid id, CancellationToken ct) =>
        ExecuteAsync("""DELETE FROM "media_items" WHERE "Id" = @id AND "TenantId" = @tenant""", c => c.WithParameter("id", id).WithTenant(tenant), ct);

    /// <summary>Starts an upload session of the caller.</summary>
    public Task AddUploadAsync(UploadSession session, CancellationToken ct)
    {
        session.Stamped(tenant);
        return ExecuteAsync(
            $"""INSERT INTO "upload_sessions" ({UploadColumns}) VALUES (@id, @tenantId, @owner, @fileName, @use, @length, @offset, @createdAt, @expiresAt)""",
            c => c.WithParameter("id", session.Id).WithParameter("tenantId", session.TenantId).WithParameter("owner", session.Owner)
                .WithParameter("fileName", session.FileName).WithParameter("use", session.Use?.ToString()).WithParameter("length", session.Length)
                .WithParameter("offset", session.Offset).WithParameter("createdAt", session.CreatedAt.UtcTicks)
                .WithParameter("expiresAt", session.ExpiresAt.UtcTicks), ct);
    }

    /// <summary>The caller's upload session, or null.</summary>
    public async Task<UploadSession?> FindUploadAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand($"""SELECT {UploadColumns} FROM "upload_sessions" WHERE "Id" = @id AND "TenantId" = @tenant""")
            .WithParameter("id", id).WithTenant(tenant);
        return await select.ReadFirstAsync(ReadUpload, ct);
    }

    /// <summary>Records the bytes received so far and the new expiry of the caller's upload.</summary>
    public Task<bool> UpdateUploadAsync(Guid id, long offset, DateTimeOffset expiresAt, CancellationToken ct) =>
        ExecuteAsync("""UPDATE "upload_sessions" SET "Offset" = @offset, "ExpiresAt" = @expiresAt WHERE "Id" = @id AND "TenantId" = @tenant""",
            c => c.WithParameter("offset", offset).WithParameter("expiresAt", expiresAt.UtcTicks).WithParameter("id", id).WithTenant(tenant), ct);

    /// <summary>Ends the caller's upload session; false when there is none.</summary>
    public Task<bool> DeleteUploadAsync(Guid id, CancellationToken ct) =>
        ExecuteAsync("""DELETE FROM "upload_sessions" WHERE "Id" = @id AND "TenantId" = @tenant""", c => c.WithParameter("id", id).WithTenant(tenant), ct);

    /// <summary>Every tenant that has items (retention works across tenants).</summary>
    public async Task<List<string>> TenantsWithItemsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand("""SELECT DISTINCT "TenantId" FROM "media_items" """);
        return await select.ReadAllAsync(r => r.GetString(0), ct);
    }

    /// <summary>The oldest items of <paramref name="tenantId"/> created before <paramref name="cutoff"/>.</summary>
    public async Task<List<MediaItem>> ItemsCreatedBeforeAsync(string tenantId, DateTimeOffset cutoff, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand(
            $"""SELECT {ItemColumns} FROM "media_items" WHERE "TenantId" = @tenantId AND "CreatedAt" < @cutoff ORDER BY "CreatedAt" LIMIT @limit""")
            .WithParameter("tenantId", tenantId).WithParameter("cutoff", cutoff.UtcTicks).WithParameter("limit", limit);
        return await select.ReadAllAsync(ReadItem, ct);
    }

    /// <summary>Deletes items' metadata by id, whatever their tenant (retention).</summary>
    public Task DeleteItemsOfAnyTenantAsync(IEnumerable<Guid> ids, CancellationToken ct) =>
        DeleteByIdAsync("media_items", ids, ct);

    /// <summary>Upload sessions of any tenant that expired before <paramref name="now"/>, oldest first.</summary>
    public async Task<List<UploadSession>> ExpiredUploadsAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand(
            $"""SELECT {UploadColumns} FROM "upload_sessions" WHERE "ExpiresAt" < @now ORDER BY "ExpiresAt" LIMIT @limit""")
            .WithParameter("now", now.UtcTicks).WithParameter("limit", limit);
        return await select.ReadAllAsync(ReadUpload, ct);
    }

    /// <summary>Deletes upload sessions by id, whatever their tenant (retention).</summary>
    public Task DeleteUploadsOfAnyTenantAsync(IEnumerable<Guid> ids, CancellationToken ct) =>
        DeleteByIdAsync("upload_sessions", ids, ct);

    private async Task DeleteByIdAsync(string table, IEnumerable<Guid> ids, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var id in ids)
        {
            await using var delete = connection.CreateCommand($"""DELETE FROM "{table}" WHERE "Id" = @id""", tx).WithParameter("id", id);
            await delete.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    private async Task<MediaItem?> FirstItemAsync(string sql, Action<DbCommand> parameters, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var select = connection.CreateCommand(sql);
        parameters(select);
        return await select.ReadFirstAsync(ReadItem, ct);
    }

    private async Task<bool> ExecuteAsync(string sql, Action<DbCommand> parameters, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.CreateCommand(sql);
        parameters(command);
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    private static MediaItem ReadItem(DbDataReader r) => new()
    {
        Id = r.GetGuid(0),
        TenantId = r.GetString(1),
        Owner = r.GetNullableString(2),
        Kind = Enum.Parse<MediaKind>(r.GetString(3)),
        ContentType = r.GetString(4),
        Size = r.GetInt64(5),
        Sha256 = r.GetString(6),
        ObjectKey = r.GetString(7),
        FileName = r.GetNullableString(8),
        DurationSeconds = r.IsDBNull(9) ? null : r.GetDouble(9),
        CreatedAt = FromTicks(r.GetInt64(10)),
    };

    private static UploadSession ReadUpload(DbDataReader r) => new()
    {
        Id = r.GetGuid(0),
        TenantId = r.GetString(1),
        Owner = r.GetNullableString(2),
        FileName = r.GetNullableString(3),
        Use = r.IsDBNull(4) ? null : Enum.Parse<MediaKind>(r.GetString(4)),
        Length = r.IsDBNull(5) ? null : r.GetInt64(5),
        Offset = r.GetInt64(6),
        CreatedAt = FromTicks(r.GetInt64(7)),
        ExpiresAt = FromTicks(r.GetInt64(8)),
    };
}
