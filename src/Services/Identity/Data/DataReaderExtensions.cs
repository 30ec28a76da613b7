using System.Data.Common;
using MagicHub.Persistence;
using MagicHub.Security.Tenancy;

namespace MagicHub.Identity.Data;

/// <summary>Reading rows and stamping tenants for the identity service's plain SQL.</summary>
internal static class DataReaderExtensions
{
    /// <summary>The nullable timestamp at <paramref name="ordinal"/>.</summary>
    public static DateTime? GetNullableDateTime(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);

    /// <summary>The nullable string at <paramref name="ordinal"/>.</summary>
    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Every row <paramref name="command"/> selects, read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    /// <summary>The first row <paramref name="command"/> selects, or null.</summary>
    public static async Task<T?> ReadFirstAsync<T>(this DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? read(reader) : null;
    }

    /// <summary>Whether <paramref name="command"/> selects any row.</summary>
    public static async Task<bool> AnyAsync(this DbCommand command, CancellationToken cancellationToken) =>
        await command.ExecuteScalarAsync(cancellationToken) is not null and not DBNull;

    /// <summary>Adds <c>@tenant</c>, the caller's tenant (null matches no row, as EF Core's tenant filter did).</summary>
    public static DbCommand WithTenant(this DbCommand command, ITenantContext tenant) =>
        command.WithParameter("tenant", tenant.TenantId);

    /// <summary>
    /// Stamps a new tenant-owned <paramref name="row"/> with the caller's tenant when it has none, and refuses a row of
    /// another tenant (as <see cref="TenantDbContext"/> does on insert).
    /// </summary>
    public static T Stamped<T>(this T row, ITenantContext tenant) where T : ITenantOwned
    {
        var current = tenant.TenantId;
        if (string.IsNullOrEmpty(row.TenantId))
        {
            row.TenantId = current ?? throw new InvalidOperationException($"A {typeof(T).Name} is being added without a tenant in context.");
        }
        else if (current is not null && row.TenantId != current)
        {
            throw new InvalidOperationException($"A {typeof(T).Name} of another tenant cannot be added.");
        }
        return row;
    }
}
