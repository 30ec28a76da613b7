using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace MagicHub.Persistence;

/// <summary>Small ADO.NET helpers for plain SQL that runs on SQLite and PostgreSQL alike.</summary>
public static class SqlCommands
{
    /// <summary>A command of <paramref name="connection"/> with <paramref name="sql"/>, in <paramref name="transaction"/> when given.</summary>
    public static DbCommand CreateCommand(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds parameter <c>@<paramref name="name"/></c>; null is sent as SQL NULL.</summary>
    public static DbCommand WithParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Runs <paramref name="sql"/> (one or more statements without parameters).</summary>
    public static async Task<int> ExecuteAsync(this DbConnection connection, string sql, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(sql, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The nullable timestamp at <paramref name="ordinal"/>.</summary>
    public static DateTime? GetNullableDateTime(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDateTime(ordinal);

    /// <summary>The nullable id at <paramref name="ordinal"/>.</summary>
    public static Guid? GetNullableGuid(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);

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

    /// <summary>True when <paramref name="exception"/> is a unique (or primary key) constraint violation on either engine.</summary>
    public static bool IsUniqueViolation(this DbException exception) =>
        exception.SqlState == "23505"
        || exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
}
