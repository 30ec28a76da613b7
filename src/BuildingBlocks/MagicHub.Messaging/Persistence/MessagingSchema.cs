using System.Data.Common;
using MagicHub.Persistence;

namespace MagicHub.Messaging.Persistence;

/// <summary>
/// Creates the messaging tables in the service's database at every start, before it counts as ready: <c>CREATE … IF NOT
/// EXISTS</c> from the engine's embedded script, so a database made earlier (by this or the EF Core version) is left as it is.
/// </summary>
internal sealed class MessagingSchema<TDatabase>(SqlDatabase<TDatabase> database) : ISqlDatabaseSeeder<TDatabase>
    where TDatabase : class
{
    public async Task SeedAsync(DbConnection connection, SchemaMigrationResult migration, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(Script(database.Provider), null, cancellationToken);

    /// <summary>The embedded create script of <paramref name="provider"/>.</summary>
    public static string Script(DatabaseProvider provider)
    {
        var name = provider == DatabaseProvider.Postgres ? "messaging.postgres.sql" : "messaging.sqlite.sql";
        using var stream = typeof(MessagingSchema<>).Assembly.GetManifestResourceStream("MagicHub.Messaging.Persistence." + name)
            ?? throw new InvalidOperationException($"MagicHub.Messaging lacks its embedded {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
