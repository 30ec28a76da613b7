namespace MagicHub.Persistence;

/// <summary>
/// The create scripts of a database. For a DbContext, the SQLite one: embedded resource <c>{context's full name}.sqlite.sql</c> of the context's
/// assembly, the output of <c>db.Database.GenerateCreateScript()</c> on SQLite, kept equal to the model by a test of the
/// service: a new SQLite database is created from it without building EF Core's model, which a first start would otherwise
/// wait a few hundred milliseconds for; without the resource the schema is created from the model. For a
/// <see cref="SqlDatabase{TDatabase}"/>, the SQLite and the PostgreSQL script are the schema itself.
/// </summary>
public static class SchemaScript
{
    /// <summary>The name of the embedded SQLite script of <paramref name="contextType"/>.</summary>
    public static string ResourceName(Type contextType) => ResourceName(contextType, DatabaseProvider.Sqlite);

    /// <summary>
    /// The name of the embedded <paramref name="provider"/> script of <paramref name="databaseType"/>:
    /// <c>{full name}.sqlite.sql</c> or <c>{full name}.postgres.sql</c>.
    /// </summary>
    public static string ResourceName(Type databaseType, DatabaseProvider provider) =>
        databaseType.FullName + (provider == DatabaseProvider.Postgres ? ".postgres.sql" : ".sqlite.sql");

    /// <summary>The embedded SQLite script of <paramref name="contextType"/>, or null when it has none.</summary>
    public static string? ReadSqlite(Type contextType) => Read(contextType, DatabaseProvider.Sqlite);

    /// <summary>The embedded <paramref name="provider"/> script of <paramref name="databaseType"/>, or null when it has none.</summary>
    public static string? Read(Type databaseType, DatabaseProvider provider)
    {
        using var stream = databaseType.Assembly.GetManifestResourceStream(ResourceName(databaseType, provider));
        if (stream is null)
        {
            return null;
        }
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd();
        return string.IsNullOrWhiteSpace(script) ? null : script;
    }
}
